import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { assignTask } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { CaseOpenTask, UserView } from '../../api/types';
import { describeError } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { elementLabel, formatDuration, type DiagramFacts } from './caseModel';
import { UserPicker } from '../../components/UserPicker';

interface Props {
  instanceId: string;
  caseOrgPath: string;
  tasks: CaseOpenTask[];
  facts: DiagramFacts;
  person(username: string | null | undefined): string;
  /** The user supervises the case: each task gets Reassign. */
  mayReassign: boolean;
  now: number;
}

/** The case's open tasks: what, who holds it, due (relative and absolute, overdue in red). */
export function CaseTasks({ instanceId, caseOrgPath, tasks, facts, person, mayReassign, now }: Props) {
  const { t, label, formatDateTime } = useI18n();
  const [reassigning, setReassigning] = useState<CaseOpenTask | null>(null);

  return (
    <Card title={t('case.tasks')} size="small" data-testid="case-tasks">
      {tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.tasksEmpty')} />
      ) : (
        <List
          dataSource={tasks}
          rowKey="id"
          renderItem={(task) => {
            const overdue = task.dueAt !== null && new Date(task.dueAt).getTime() < now;
            const name = task.name?.trim() || elementLabel(facts, task.elementId, t);
            return (
              <List.Item
                data-testid={`case-task-${task.id}`}
                data-element-id={task.elementId}
                actions={
                  mayReassign
                    ? [
                        <Button
                          key="reassign"
                          size="small"
                          onClick={() => setReassigning(task)}
                          data-testid={`task-reassign-${task.id}`}
                        >
                          {t('case.task.reassign')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={<span data-testid="case-task-name">{name}</span>}
                  description={
                    <Space direction="vertical" size={2}>
                      <span>
                        {t('case.task.holder')}：
                        <Typography.Text strong data-testid="case-task-holder">
                          {task.assignee
                            ? person(task.assignee)
                            : task.candidateGroups.length > 0
                              ? t('case.task.unassigned', {
                                  groups: task.candidateGroups
                                    .map((group) => label('role', group))
                                    .join('、'),
                                })
                              : t('case.task.unassignedPlain')}
                        </Typography.Text>
                      </span>
                      <span data-testid="case-task-due">
                        {t('case.task.due')}：
                        {task.dueAt ? (
                          <>
                            {formatDateTime(task.dueAt)}{' '}
                            {overdue ? (
                              <Tag color="red" data-testid="case-task-overdue">
                                {t('case.task.overdue', {
                                  duration: formatDuration(now - new Date(task.dueAt).getTime(), t),
                                })}
                              </Tag>
                            ) : (
                              <Tag color="blue">
                                {t('case.task.dueIn', {
                                  duration: formatDuration(new Date(task.dueAt).getTime() - now, t),
                                })}
                              </Tag>
                            )}
                          </>
                        ) : (
                          t('case.task.noDue')
                        )}
                      </span>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {reassigning && (
        <ReassignModal
          instanceId={instanceId}
          caseOrgPath={caseOrgPath}
          task={reassigning}
          taskName={reassigning.name?.trim() || elementLabel(facts, reassigning.elementId, t)}
          onClose={() => setReassigning(null)}
        />
      )}
    </Card>
  );
}

function ReassignModal({
  instanceId,
  caseOrgPath,
  task,
  taskName,
  onClose,
}: {
  instanceId: string;
  caseOrgPath: string;
  task: CaseOpenTask;
  taskName: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<UserView | null>(null);
  const assign = useMutation({
    mutationFn: (user: UserView) => assignTask(task.id, user.id),
    onSuccess: (_task, user) => {
      void message.success(t('case.reassign.done', { name: user.displayName || user.username }));
      void queryClient.invalidateQueries({ queryKey: ['instance', instanceId] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
    onError: (error) => {
      void message.error(
        error instanceof ApiError && error.status === 403
          ? t('case.reassign.forbidden')
          : t('case.reassign.failed', { message: describeError(error, t) }),
      );
    },
  });

  return (
    <Modal
      open
      title={t('case.reassign.title', { task: taskName })}
      onCancel={onClose}
      okText={t('case.reassign.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        disabled: !picked,
        loading: assign.isPending,
        ...{ 'data-testid': 'reassign-submit' },
      }}
      onOk={() => picked && assign.mutate(picked)}
      destroyOnHidden
      data-testid="reassign-modal"
    >
      <Typography.Paragraph type="secondary">{t('case.reassign.pick')}</Typography.Paragraph>
      <UserPicker
        testId="user-picker"
        allowClear
        style={{ width: '100%' }}
        value={picked?.id}
        onChange={(_, user) => setPicked(user ?? null)}
        offer={(user) => user.username !== task.assignee && onCaseLine(user, caseOrgPath)}
      />
    </Modal>
  );
}

/** On the case's line: a grant at the case's unit, above it (who supervise or serve it) or below it. */
function onCaseLine(user: UserView, caseOrgPath: string): boolean {
  return user.roles.some(
    (grant) =>
      caseOrgPath === grant.orgPath ||
      caseOrgPath.startsWith(`${grant.orgPath}/`) ||
      grant.orgPath.startsWith(`${caseOrgPath}/`),
  );
}
