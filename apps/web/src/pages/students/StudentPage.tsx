// A student's page (#/students/<id>): who the student is, their open cases with links, their open
// tasks, and 发起关注 for them. The student's full file (一生一档) is the case pages' business.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Grid, List, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { getStudent, listDefinitions, listTasks, searchStudents } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { Me } from '../../api/types';
import { describeError } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor, pathFor } from '../../routing/routes';
import '../inbox/inbox.css';
import { TaskList } from '../inbox/TaskList';
import { useDisplayNames, useNow } from '../inbox/taskWords';
import { RaiseConcernDialog } from './RaiseConcernDialog';

export function StudentPage({ id, me }: { id: string; me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md === false;
  const now = useNow();
  const [raising, setRaising] = useState(false);
  const student = useQuery({ queryKey: ['students', id], queryFn: () => getStudent(id) });
  // The class's name and the open cases come with the search (by the student's own number).
  const hit = useQuery({
    queryKey: ['students', 'search', student.data?.studentNo],
    queryFn: () => searchStudents(student.data!.studentNo, 20),
    enabled: Boolean(student.data),
    select: (found) => found.items.find((item) => item.id === id) ?? null,
  });
  const tasks = useQuery({
    queryKey: ['tasks', 'student', id],
    queryFn: () => listTasks({ studentId: id, state: 'open', sort: 'dueAt', limit: 50 }),
  });
  const definitions = useQuery({
    queryKey: ['definitions', 'names'],
    queryFn: () => listDefinitions(),
    staleTime: 5 * 60_000,
  });
  const processName = (key: string) => definitions.data?.items.find((d) => d.key === key)?.name ?? key;
  const names = useDisplayNames((tasks.data?.items ?? []).map((task) => task.assignee));

  if (student.isPending) {
    return (
      <main className="page" data-testid="student-page">
        <Skeleton active />
      </main>
    );
  }
  if (student.isError) {
    const missing = student.error instanceof ApiError && [400, 403, 404].includes(student.error.status);
    return (
      <main className="page" data-testid="student-page">
        <Result
          status={missing ? '404' : 'error'}
          title={
            <span data-testid="student-error">
              {missing ? t('studentPage.notFound') : describeError(student.error, t)}
            </span>
          }
        />
      </main>
    );
  }
  const s = student.data;
  const openCases = hit.data?.openCases ?? [];

  return (
    <main className="page" data-testid="student-page">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
          {s.name}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setRaising(true)}
          disabled={!hit.data}
          data-testid="raise-concern"
        >
          {t('inbox.raiseConcern')}
        </Button>
      </Flex>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={narrow ? 1 : 3} size="small" data-testid="student-facts">
          <Descriptions.Item label={t('studentPage.class')}>
            <span data-testid="student-class">{hit.data?.className ?? t('common.none')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('studentPage.studentNo')}>
            <span data-testid="student-no">{s.studentNo}</span>
          </Descriptions.Item>
          {s.gender && (
            <Descriptions.Item label={t('studentPage.gender')}>
              {label('studentPage.gender', s.gender)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('studentPage.openCases')} style={{ marginBottom: 16 }}>
        {openCases.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={<span data-testid="student-no-cases">{t('studentPage.noOpenCases')}</span>}
          />
        ) : (
          <List
            data-testid="student-cases"
            dataSource={openCases}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <a
                    key="open"
                    href={hrefFor({ page: 'case', id: c.instanceId })}
                    data-testid={`student-case-${c.instanceId}`}
                  >
                    {t('studentPage.openCase')}
                  </a>,
                ]}
              >
                {processName(c.definitionKey)}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t('studentPage.tasks')}>
        <TaskList
          tasks={tasks.data?.items ?? []}
          me={me}
          names={names}
          now={now}
          narrow={narrow}
          loading={tasks.isPending}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty.all')} />}
          claimingId={null}
          onClaim={(task) => navigate(pathFor({ page: 'task', id: task.id }))}
          onOpen={(task) => navigate(pathFor({ page: 'task', id: task.id }))}
        />
      </Card>
      {hit.data && <RaiseConcernDialog open={raising} onClose={() => setRaising(false)} student={hit.data} />}
    </main>
  );
}
