// The task page (#/tasks/<id>, issue 11): the form (form-js, Chinese validation, the server's
// field errors under their fields), the case it belongs to (student, concern, risk level, the
// latest steps in words), the diagram with the current step marked, and claim / give back /
// complete. Completing an unclaimed task claims it for the completer in the same step (the api
// does it and records it); the page says so before and after.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Grid,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  claimTask,
  completeTask,
  getDefinition,
  getInstance,
  getInstanceHistory,
  getTask,
  unclaimTask,
} from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { InstanceDetail, Me, TaskDetail } from '../../api/types';
import { describeError } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor, pathFor } from '../../routing/routes';
import type { FormSchema } from '../../workbench/forms/api';
import { countsKey, tasksKey } from '../inbox/InboxPage';
import '../inbox/inbox.css';
import {
  DueTime,
  holderWords,
  mayClaim,
  PriorityTag,
  processName,
  taskTitle,
  useDisplayNames,
  useNow,
} from '../inbox/taskWords';
import { elementNames, passedElements, stepsInWords } from './caseWords';

// form-js's viewer (~700 KB) and bpmn-js's (~400 KB) are fetched only when a task page opens.
const TaskForm = lazy(() => import('../../workbench/forms/TaskForm'));
const ProcessDiagram = lazy(() => import('../../components/diagram/ProcessDiagram'));

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export const taskKey = (id: string) => ['task', id] as const;

export function TaskPage({ id, me }: { id: string; me: Me }) {
  const { t } = useI18n();
  const task = useQuery({ queryKey: taskKey(id), queryFn: () => getTask(id) });
  if (task.isPending) {
    return (
      <main className="page task-page" data-testid="task-page">
        <Skeleton active />
      </main>
    );
  }
  if (task.isError) {
    const missing = task.error instanceof ApiError && [403, 404].includes(task.error.status);
    return (
      <main className="page task-page" data-testid="task-page">
        <Result
          status={missing ? '404' : 'error'}
          title={
            <span data-testid="task-error">
              {missing ? t('taskPage.notFound') : t('taskPage.loadFailed')}
            </span>
          }
          subTitle={missing ? null : describeError(task.error, t)}
          extra={<Button href={hrefFor({ page: 'inbox' })}>{t('taskPage.back')}</Button>}
        />
      </main>
    );
  }
  return <TaskView task={task.data} me={me} />;
}

function TaskView({ task, me }: { task: TaskDetail; me: Me }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const narrow = Grid.useBreakpoint().lg === false;
  const now = useNow();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  // The form the page opened with stays while the user fills it in: a refetch (focus, a claim)
  // may bring a newer version of the form, and re-importing would wipe what was typed and the
  // server's field errors under the fields. The server validates against the version it holds.
  const [schema] = useState(() => task.form as FormSchema | null);

  // The case, its history and its diagram: only for those who see the case (a peer monitor
  // holding the task sees the task alone, and the api answers 403/404).
  const seesCase = task.instance.businessKey !== null || task.student !== null;
  const instance = useQuery({
    queryKey: ['task-case', task.instanceId],
    queryFn: () => getInstance(task.instanceId),
    enabled: seesCase,
    retry: false,
  });
  const history = useQuery({
    queryKey: ['task-case', task.instanceId, 'history'],
    queryFn: () => getInstanceHistory(task.instanceId),
    enabled: instance.isSuccess,
    retry: false,
  });
  const definition = useQuery({
    queryKey: ['definition', instance.data?.definitionId],
    queryFn: () => getDefinition(instance.data!.definitionId),
    enabled: Boolean(instance.data?.definitionId),
    staleTime: Infinity,
  });
  const people = useDisplayNames([task.assignee, ...(history.data?.items.map((entry) => entry.actor) ?? [])]);

  const invalidateLists = () => {
    void queryClient.invalidateQueries({ queryKey: tasksKey });
    void queryClient.invalidateQueries({ queryKey: countsKey });
  };
  const setAssignee = (assignee: string | null) =>
    queryClient.setQueryData<TaskDetail>(taskKey(task.id), (current) =>
      current ? { ...current, assignee } : current,
    );

  const claim = useMutation({
    mutationFn: () => claimTask(task.id),
    // Optimistic: the page shows the task as mine at once, and goes back if the api refuses.
    onMutate: () => {
      const before = task.assignee;
      setAssignee(me.username);
      return { before };
    },
    onError: (error, _v, context) => {
      setAssignee(context?.before ?? null);
      void message.error(t('inbox.claimFailed', { message: describeError(error, t) }));
    },
    onSuccess: () => void message.success(t('taskPage.claimed')),
    onSettled: () => {
      invalidateLists();
      void queryClient.invalidateQueries({ queryKey: taskKey(task.id) });
    },
  });
  const unclaim = useMutation({
    mutationFn: () => unclaimTask(task.id),
    onSuccess: () => {
      setAssignee(null);
      void message.success(t('taskPage.unclaimed'));
    },
    onError: (error) => void message.error(describeError(error, t)),
    onSettled: () => {
      invalidateLists();
      void queryClient.invalidateQueries({ queryKey: taskKey(task.id) });
    },
  });

  const name = taskTitle(task);
  const wasUnclaimed = task.assignee === null;
  /** Sends the form's data; rejects with the api's error (the form shows its field errors). */
  const complete = async (variables: Record<string, unknown>) => {
    try {
      await completeTask(task.id, variables, idempotencyKey);
    } catch (failure) {
      // A 400 was refused before anything ran: the corrected attempt gets a fresh key.
      if (failure instanceof ApiError && failure.status === 400) setIdempotencyKey(newIdempotencyKey());
      throw failure;
    }
    invalidateLists();
    queryClient.removeQueries({ queryKey: taskKey(task.id) });
    void queryClient.invalidateQueries({ queryKey: ['task-case', task.instanceId] });
    void message.success({
      content: (
        <span data-testid="task-completed-message">
          {wasUnclaimed ? t('taskPage.completedClaimed', { name }) : t('inbox.completed', { name })}
        </span>
      ),
      duration: 5,
    });
    void navigate(pathFor({ page: 'inbox' }));
  };

  const open = task.state === 'open';
  const mine = task.assignee === me.username;
  const heldByOther = open && task.assignee !== null && !mine;
  // Neither mine nor mine to take: offered to others (a principal's escalation a teacher sees).
  const notMine = open && task.assignee === null && !mayClaim(task, me);
  const holder = holderWords(task, me.username, people, t);
  const student = task.student;

  const head = (
    <div className="task-page-head">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        href={hrefFor({ page: 'inbox' })}
        style={{ paddingInline: 0 }}
        data-testid="task-back"
      >
        {t('taskPage.back')}
      </Button>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Typography.Title level={3} data-testid="page-title">
            {name}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="task-subtitle">
            {t('taskPage.of', {
              process: processName(task),
              student: student
                ? `${student.name ?? student.studentNo}（${student.className}）`
                : task.instance.orgUnitName,
            })}
          </Typography.Text>
          <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
            <Tag color={open ? 'processing' : 'default'} data-testid="task-state">
              {t(`taskPage.state.${task.state}`)}
            </Tag>
            {open && <DueTime task={task} now={now} />}
            <PriorityTag priority={task.priority} />
            <span data-testid="task-holder">{t('taskPage.holder', { name: holder })}</span>
          </Flex>
        </div>
        {open && (
          <Space wrap>
            {mayClaim(task, me) && (
              <Button onClick={() => claim.mutate()} loading={claim.isPending} data-testid="task-claim">
                {t('taskPage.claim')}
              </Button>
            )}
            {mine && (
              <Button onClick={() => unclaim.mutate()} loading={unclaim.isPending} data-testid="task-unclaim">
                {t('taskPage.unclaim')}
              </Button>
            )}
          </Space>
        )}
      </Flex>
    </div>
  );

  const formCard = !open ? (
    <Card>
      <Result status="success" title={<span data-testid="task-closed">{t('taskPage.closed')}</span>} />
    </Card>
  ) : (
    <Card title={t('taskPage.form')} data-testid="task-form-card">
      {heldByOther && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('taskPage.heldByOther', { name: holder })}
          data-testid="task-held"
        />
      )}
      {notMine && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('taskPage.notOffered')}
          data-testid="task-not-offered"
        />
      )}
      {task.assignee === null && !notMine && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('taskPage.willClaim')}
          data-testid="task-will-claim"
        />
      )}
      {schema ? (
        <Suspense fallback={<Skeleton active />}>
          <TaskForm
            schema={schema}
            variables={task.variables ?? {}}
            complete={complete}
            onCancel={() => navigate(pathFor({ page: 'inbox' }))}
            disabled={heldByOther || notMine}
          />
        </Suspense>
      ) : (
        <NoForm disabled={heldByOther || notMine} complete={() => complete({})} />
      )}
    </Card>
  );

  const context = (
    <CaseContext
      task={task}
      instance={instance.data}
      loading={seesCase && instance.isPending}
      hidden={!seesCase || instance.isError}
      steps={stepsInWords(history.data?.items ?? [], elementNames(definition.data?.xml), people, t)}
      label={label}
    />
  );

  const markers = useMemo(() => {
    const marks: Record<string, string> = {};
    for (const done of passedElements(history.data?.items ?? [])) marks[done] = 'cp-done';
    marks[task.elementId] = 'cp-active';
    return marks;
  }, [history.data, task.elementId]);

  return (
    <main className="page task-page" data-testid="task-page" data-task-id={task.id}>
      {head}
      {/* One tree at every width (the case first on a phone, by `order`): a breakpoint change must
          not remount the form and lose what was typed. */}
      <Row gutter={16}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          {formCard}
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          {context}
        </Col>
      </Row>
      {definition.data && (
        <Card title={t('taskPage.diagram')} data-testid="task-diagram">
          <Suspense fallback={<Skeleton active />}>
            <ProcessDiagram
              xml={definition.data.xml}
              markers={markers}
              focus={{ id: task.elementId, seq: 1 }}
              label={t('taskPage.diagramLabel', { name: processName(task) })}
              height={narrow ? 340 : 420}
            />
          </Suspense>
        </Card>
      )}
    </main>
  );
}

function NoForm({ disabled, complete }: { disabled: boolean; complete(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="task-no-form">
      <Typography.Paragraph>{t('taskPage.noForm')}</Typography.Paragraph>
      <Button
        type="primary"
        disabled={disabled}
        loading={busy}
        data-testid="complete-submit"
        onClick={() => {
          setBusy(true);
          complete().catch((error: unknown) => {
            setBusy(false);
            void message.error(t('taskPage.completeFailed', { message: describeError(error, t) }));
          });
        }}
      >
        {t('taskPage.confirmComplete')}
      </Button>
    </div>
  );
}

interface CaseContextProps {
  task: TaskDetail;
  instance: InstanceDetail | undefined;
  loading: boolean;
  hidden: boolean;
  steps: { seq: number; at: string; text: string }[];
  label(prefix: string, raw: string): string;
}

function CaseContext({ task, instance, loading, hidden, steps, label }: CaseContextProps) {
  const { t, formatDateTime } = useI18n();
  if (hidden) {
    return (
      <Card title={t('taskPage.context')}>
        <Typography.Text type="secondary" data-testid="task-context-hidden">
          {t('taskPage.contextHidden')}
        </Typography.Text>
      </Card>
    );
  }
  if (loading || !instance) {
    return (
      <Card title={t('taskPage.context')}>
        <Skeleton active />
      </Card>
    );
  }
  const variables = { ...(instance.variables ?? {}), ...(task.variables ?? {}) };
  const text = (key: string) => (typeof variables[key] === 'string' ? (variables[key] as string) : null);
  const risk = text('riskLevel');
  const source = text('source');
  const concern = text('concern');
  const student = task.student ?? instance.student;
  const riskColor: Record<string, string> = {
    imminent: 'red',
    high: 'volcano',
    moderate: 'gold',
    low: 'green',
  };
  return (
    <Card
      title={t('taskPage.context')}
      data-testid="task-context"
      extra={
        <a href={hrefFor({ page: 'case', id: task.instanceId })} data-testid="task-open-case">
          {t('taskPage.openCase')}
        </a>
      }
    >
      <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
        {student && (
          <Descriptions.Item label={t('taskPage.student')}>
            <span data-testid="task-context-student">
              <a href={hrefFor({ page: 'student', id: student.id })}>{student.name ?? student.studentNo}</a>
              <Typography.Text type="secondary">
                {' '}
                {student.className} · {t('taskPage.studentNo')} {student.studentNo}
              </Typography.Text>
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('taskPage.concern')}>
          <span className="concern-text" data-testid="task-context-concern">
            {concern ?? t('common.none')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('taskPage.riskLevel')}>
          {risk ? (
            <Tag color={riskColor[risk] ?? 'default'} data-testid="task-context-risk">
              {label('taskPage.risk', risk)}
            </Tag>
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
        {source && (
          <Descriptions.Item label={t('taskPage.source')}>
            {label('taskPage.source', source)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('taskPage.startedAt')}>
          {formatDateTime(instance.startedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('taskPage.lastSteps')}
      </Typography.Title>
      {steps.length === 0 ? (
        <Typography.Text type="secondary">{t('taskPage.noSteps')}</Typography.Text>
      ) : (
        <Timeline
          className="last-steps"
          data-testid="task-last-steps"
          items={steps.map((step) => ({
            key: step.seq,
            children: (
              <span data-testid="task-step">
                {step.text}
                <span className="step-when">{formatDateTime(step.at)}</span>
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}
