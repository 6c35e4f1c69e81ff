// The inbox's tasks: a table on wide screens, one card per task on phones. Each says whose case
// it is, what it asks, when it is due (overdue in red), its priority and who holds it.
import { Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Me, Task } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { DueTime, holderWords, isOverdue, mayClaim, PriorityTag, processName, taskTitle } from './taskWords';

interface Props {
  tasks: Task[];
  me: Me;
  names: Map<string, string>;
  now: number;
  narrow: boolean;
  loading: boolean;
  empty: ReactNode;
  claimingId: string | null;
  onClaim(task: Task): void;
  onOpen(task: Task): void;
}

function StudentCell({ task }: { task: Task }) {
  const { t } = useI18n();
  if (!task.student) {
    return (
      <Typography.Text type="secondary" data-testid="task-student">
        {task.instance.businessKey === null ? t('inbox.studentHidden') : t('inbox.noStudent')}
      </Typography.Text>
    );
  }
  return (
    <span className="task-student" data-testid="task-student">
      <a
        href={hrefFor({ page: 'student', id: task.student.id })}
        onClick={(event) => event.stopPropagation()}
        className="student-name"
      >
        {task.student.name ?? task.student.studentNo}
      </a>
      <Typography.Text type="secondary" className="student-class">
        {task.student.className}
      </Typography.Text>
    </span>
  );
}

function TaskCell({ task }: { task: Task }) {
  return (
    <span className="task-what">
      <a
        href={hrefFor({ page: 'task', id: task.id })}
        className="task-name"
        data-testid="task-name"
        onClick={(event) => event.stopPropagation()}
      >
        {taskTitle(task)}
      </a>
      <Typography.Text type="secondary" className="task-process" data-testid="task-process">
        {processName(task)}
      </Typography.Text>
    </span>
  );
}

function Actions({
  task,
  me,
  claimingId,
  onClaim,
  onOpen,
}: Pick<Props, 'me' | 'claimingId' | 'onClaim' | 'onOpen'> & { task: Task }) {
  const { t } = useI18n();
  const mine = task.assignee === me.username;
  const claimable = mayClaim(task, me);
  return (
    <Space size={6} onClick={(event) => event.stopPropagation()}>
      {claimable && (
        <Button
          size="small"
          onClick={() => onClaim(task)}
          loading={claimingId === task.id}
          data-testid={`claim-${task.id}`}
        >
          {t('inbox.claim')}
        </Button>
      )}
      <Button
        size="small"
        type={mine || claimable ? 'primary' : 'default'}
        onClick={() => onOpen(task)}
        data-testid={`open-${task.id}`}
      >
        {mine || claimable ? t('inbox.open') : t('inbox.view')}
      </Button>
    </Space>
  );
}

export function TaskList(props: Props) {
  const { t } = useI18n();
  const { tasks, me, names, now, narrow } = props;
  const holder = (task: Task) => {
    const words = holderWords(task, me.username, names, t);
    return task.assignee ? (
      <span data-testid="task-holder">{words}</span>
    ) : (
      <Tag data-testid="task-holder">{words}</Tag>
    );
  };

  if (narrow) {
    return (
      <List
        className="task-cards"
        data-testid="inbox-tasks"
        loading={props.loading}
        dataSource={tasks}
        locale={{ emptyText: props.empty }}
        renderItem={(task) => (
          <List.Item key={task.id} style={{ padding: '6px 0', border: 0 }}>
            <Card
              size="small"
              className={`task-card${isOverdue(task, now) ? ' overdue' : ''}`}
              data-testid={`task-row-${task.id}`}
              data-task-id={task.id}
              onClick={() => props.onOpen(task)}
              style={{ width: '100%' }}
            >
              <div className="task-card-top">
                <StudentCell task={task} />
                <PriorityTag priority={task.priority} />
              </div>
              <TaskCell task={task} />
              <DueTime task={task} now={now} />
              <div className="task-card-bottom">
                <span className="muted">
                  {t('inbox.col.holder')}：{holder(task)}
                </span>
                <Actions task={task} {...props} />
              </div>
            </Card>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<Task>
      className="task-table"
      data-testid="inbox-tasks"
      rowKey="id"
      size="middle"
      loading={props.loading}
      dataSource={tasks}
      pagination={false}
      locale={{ emptyText: props.empty }}
      rowClassName={(task) => (isOverdue(task, now) ? 'overdue' : '')}
      onRow={(task) =>
        ({
          onClick: () => props.onOpen(task),
          'data-testid': `task-row-${task.id}`,
          'data-task-id': task.id,
        }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          key: 'student',
          title: t('inbox.col.student'),
          width: 170,
          render: (_, task) => <StudentCell task={task} />,
        },
        { key: 'task', title: t('inbox.col.task'), render: (_, task) => <TaskCell task={task} /> },
        {
          key: 'due',
          title: t('inbox.col.due'),
          width: 190,
          render: (_, task) => <DueTime task={task} now={now} block />,
        },
        {
          key: 'priority',
          title: t('inbox.col.priority'),
          width: 90,
          align: 'center',
          render: (_, task) => <PriorityTag priority={task.priority} />,
        },
        { key: 'holder', title: t('inbox.col.holder'), width: 120, render: (_, task) => holder(task) },
        {
          key: 'actions',
          title: t('inbox.col.actions'),
          width: 150,
          render: (_, task) => <Actions task={task} {...props} />,
        },
      ]}
    />
  );
}
