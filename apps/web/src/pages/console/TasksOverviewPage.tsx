import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Form,
  Modal,
  Result,
  Segmented,
  Select,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { bulkAssignTasks, listTasks, tasksCsvPath, type TaskFilter } from '../../api/endpoints';
import type { Task } from '../../api/types';
import { describeError, ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { isSupervisor } from '../../session/roles';
import { useMe } from '../../session/useMe';
import { BulkResultsModal, type BulkOutcome } from './BulkResultsModal';
import { ConsoleTable } from './ConsoleTable';
import { BulkBar, ConsoleHead, ConsoleSearch, LoadMore } from './ConsoleFrame';
import { formatDuration } from './format';
import { useDisplayNames, useProcessKeys } from './lookups';
import { useConsolePreference } from './useConsolePreferences';
import { UserPicker } from '../../components/UserPicker';
import './console.css';

type Sort = NonNullable<TaskFilter['sort']>;

/** The tasks overview's filters as saved on the server. */
interface TasksView extends Record<string, unknown> {
  overdue?: boolean;
  definitionKey?: string;
  candidateGroup?: string;
  assigneeId?: string;
  /** The picked assignee's name, so a restored filter shows a name, not an id. */
  assigneeName?: string;
  sort: Sort;
}

/** The roles tasks are offered to in the shipped pathway (candidate groups are role names). */
const CANDIDATE_GROUPS = [
  'psychTeacher',
  'classTeacher',
  'gradeLeader',
  'principal',
  'peerMonitor',
  'psychLead',
  'districtSupervisor',
] as const;
const SORTS: readonly Sort[] = ['dueAt', 'priority', 'createdAt'];

/** Now, ticking every minute: due times read "in 3 h" and turn red without a reload. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function TasksOverviewPage() {
  const { t } = useI18n();
  const me = useMe();
  const preference = useConsolePreference<TasksView>('tasks', { sort: 'dueAt' });
  if (!isSupervisor(me)) return <Result status="403" title={t('console.results.403')} />;
  if (!preference.ready) return <Spin className="console-spin" />;
  return <TasksList initial={preference.value} save={preference.setValue} />;
}

function TasksList({ initial, save }: { initial: TasksView; save(view: TasksView): void }) {
  const { t, label, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const now = useNow();
  const [view, setView] = useState<TasksView>(initial);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [assignOpen, setAssignOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [form] = Form.useForm<{ userId: string }>();
  const processes = useProcessKeys();
  const names = useDisplayNames();

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 350);
    return () => clearTimeout(timer);
  }, [search]);

  const filter: TaskFilter = {
    state: 'open',
    overdue: view.overdue,
    definitionKey: view.definitionKey,
    candidateGroup: view.candidateGroup,
    assigneeId: view.assigneeId,
    sort: view.sort,
    q: q || undefined,
  };
  const tasks = useInfiniteQuery({
    queryKey: ['tasks', 'console', filter],
    queryFn: ({ pageParam }) => listTasks({ ...filter, cursor: pageParam ?? undefined, limit: 100 }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = useMemo(() => tasks.data?.pages.flatMap((page) => page.items) ?? [], [tasks.data]);
  const byId = new Map(rows.map((task) => [task.id, task]));
  const chosen = selected.flatMap((id) => byId.get(id) ?? []);
  const filtered = Boolean(view.overdue || view.definitionKey || view.candidateGroup || view.assigneeId || q);

  const change = (patch: Partial<TasksView>) => {
    const next = { ...view, ...patch };
    setView(next);
    setSelected([]);
    save(next);
  };

  const taskName = (task: Task) => {
    const who = task.student?.name ?? task.instance.businessKey ?? t('console.noStudent');
    return `${who} · ${task.name ?? t('common.none')}`;
  };

  const reassign = async () => {
    const { userId } = await form.validateFields();
    setBusy(true);
    try {
      const answer = await bulkAssignTasks(
        chosen.map((task) => task.id),
        userId,
      );
      setAssignOpen(false);
      form.resetFields();
      setOutcome({
        action: 'assign',
        results: answer.results,
        names: new Map(chosen.map((task) => [task.id, taskName(task)])),
      });
      setSelected([]);
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['instances'] });
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const student = (task: Task) =>
    task.student ? (
      <span className="console-student">
        <strong>{task.student.name ?? task.student.studentNo}</strong>
        <span className="muted">{task.student.className}</span>
      </span>
    ) : (
      <span className="muted">{t('console.noStudent')}</span>
    );
  const due = (task: Task) => {
    if (!task.dueAt) return <span className="muted">{t('console.tasks.noDue')}</span>;
    const left = Date.parse(task.dueAt) - now;
    const late = left < 0;
    return (
      <Tooltip title={formatDateTime(task.dueAt)}>
        <span className={late ? 'console-late' : undefined} data-testid="task-due" data-overdue={late}>
          {late
            ? t('console.tasks.overdueBy', { time: formatDuration(-left, t) })
            : t('console.tasks.dueIn', { time: formatDuration(left, t) })}
          <br />
          <span className={late ? undefined : 'muted'} style={{ fontSize: 12 }}>
            {formatDateTime(task.dueAt)}
          </span>
        </span>
      </Tooltip>
    );
  };
  const assignee = (task: Task) =>
    task.assignee ? (
      <span data-testid="task-assignee">{names.get(task.assignee) ?? task.assignee}</span>
    ) : (
      <span data-testid="task-assignee">
        <Tag>{t('console.tasks.unassigned')}</Tag>
        <span className="muted" style={{ fontSize: 12 }}>
          {t('console.tasks.candidates', {
            groups: task.candidateGroups.map((group) => label('role', group)).join('、') || t('common.none'),
          })}
        </span>
      </span>
    );
  const taskLink = (task: Task) => (
    <a href={hrefFor({ page: 'task', id: task.id })} data-testid={`task-link-${task.id}`}>
      {task.name ?? t('common.none')}
    </a>
  );
  const caseLink = (task: Task) => (
    <a href={hrefFor({ page: 'case', id: task.instanceId })} data-testid={`task-case-${task.id}`}>
      {t('console.tasks.openCase')}
    </a>
  );

  const columns: ColumnsType<Task> = [
    { title: t('console.tasks.col.student'), key: 'student', render: (_, task) => student(task) },
    { title: t('console.tasks.col.task'), key: 'task', render: (_, task) => taskLink(task) },
    {
      title: t('console.tasks.col.process'),
      key: 'process',
      render: (_, task) => task.instance.definitionName ?? task.instance.definitionKey,
    },
    { title: t('console.tasks.col.orgUnit'), key: 'orgUnit', render: (_, task) => task.instance.orgUnitName },
    { title: t('console.tasks.col.assignee'), key: 'assignee', render: (_, task) => assignee(task) },
    { title: t('console.tasks.col.due'), key: 'due', render: (_, task) => due(task) },
    { title: t('console.tasks.col.case'), key: 'case', render: (_, task) => caseLink(task) },
  ];

  const card = (task: Task) => (
    <>
      <div className="console-card-head">
        {student(task)}
        {due(task)}
      </div>
      <div className="console-card-line">{taskLink(task)}</div>
      <div className="console-card-line muted">
        {task.instance.definitionName ?? task.instance.definitionKey} · {task.instance.orgUnitName}
      </div>
      <div className="console-card-head">
        {assignee(task)}
        {caseLink(task)}
      </div>
    </>
  );

  const late = (task: Task) => task.dueAt !== null && Date.parse(task.dueAt) < now;

  return (
    <main className="page console-page" data-testid="tasks-page">
      <ConsoleHead
        prefix="tasks"
        title={t('console.tasks.title')}
        subtitle={t('console.tasks.subtitle')}
        onRefresh={() => void tasks.refetch()}
        csvPath={tasksCsvPath(filter)}
        csvFile="tasks.csv"
      />

      <div className="console-filters" data-testid="tasks-filters">
        <ConsoleSearch
          prefix="tasks"
          value={search}
          onChange={setSearch}
          placeholder={t('console.tasks.searchPlaceholder')}
        />
        <Select<string | undefined>
          allowClear
          placeholder={t('console.tasks.filter.process')}
          value={view.definitionKey}
          onChange={(value) => change({ definitionKey: value })}
          options={processes.map((process) => ({ value: process.key, label: process.name }))}
          className="console-select"
          data-testid="tasks-process-filter"
        />
        <Select<string | undefined>
          allowClear
          placeholder={t('console.tasks.filter.group')}
          value={view.candidateGroup}
          onChange={(value) => change({ candidateGroup: value })}
          options={CANDIDATE_GROUPS.map((group) => ({ value: group, label: label('role', group) }))}
          className="console-select"
          data-testid="tasks-group-filter"
        />
        <UserPicker
          allowClear
          value={view.assigneeId}
          placeholder={view.assigneeName ?? t('console.tasks.filter.assignee')}
          onChange={(id, user) => change({ assigneeId: id, assigneeName: user?.displayName })}
          testId="tasks-assignee-filter"
          style={{ minWidth: 160 }}
        />
        <Checkbox
          checked={view.overdue === true}
          onChange={(event) => change({ overdue: event.target.checked || undefined })}
          data-testid="tasks-overdue-filter"
        >
          {t('console.tasks.filter.overdue')}
        </Checkbox>
        <Segmented<Sort>
          value={view.sort}
          onChange={(value) => change({ sort: value })}
          options={SORTS.map((value) => ({ value, label: t(`console.tasks.sort.${value}`) }))}
          aria-label={t('console.tasks.sort')}
          data-testid="tasks-sort"
        />
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              setSearch('');
              change({
                overdue: undefined,
                definitionKey: undefined,
                candidateGroup: undefined,
                assigneeId: undefined,
                assigneeName: undefined,
              });
            }}
            data-testid="tasks-reset"
          >
            {t('console.reset')}
          </Button>
        )}
      </div>

      <BulkBar prefix="tasks" count={selected.length} onClear={() => setSelected([])}>
        <Button type="primary" onClick={() => setAssignOpen(true)} data-testid="tasks-bulk-reassign">
          {t('console.tasks.reassign')}
        </Button>
      </BulkBar>

      <ErrorMessage error={tasks.error} testId="tasks-error" />
      <ConsoleTable<Task>
        rows={rows}
        rowKey={(task) => task.id}
        columns={columns}
        card={card}
        selectLabel={t('console.selectRow')}
        selected={selected}
        onSelect={setSelected}
        loading={tasks.isLoading}
        empty={filtered ? t('console.tasks.emptyFiltered') : t('console.tasks.empty')}
        testId="tasks-table"
        rowClassName={(task) => (late(task) ? 'console-row-late' : '')}
      />
      <LoadMore
        prefix="tasks"
        shown={rows.length}
        hasMore={tasks.hasNextPage}
        loading={tasks.isFetchingNextPage}
        onMore={() => void tasks.fetchNextPage()}
      />

      <Modal
        open={assignOpen}
        title={t('console.tasks.reassignTitle', { count: chosen.length })}
        okText={t('console.tasks.reassignConfirm')}
        okButtonProps={{ loading: busy, 'data-testid': 'tasks-reassign-confirm' } as never}
        cancelText={t('common.cancel')}
        onOk={() => void reassign().catch(() => undefined)}
        onCancel={() => setAssignOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('console.tasks.reassignHint')}</Typography.Paragraph>
        <ul className="console-chosen">
          {chosen.map((task) => (
            <li key={task.id}>{taskName(task)}</li>
          ))}
        </ul>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="userId"
            label={t('console.tasks.reassignTo')}
            rules={[{ required: true, message: t('console.tasks.pickUserRequired') }]}
          >
            <UserPicker
              onChange={(id) => form.setFieldValue('userId', id)}
              testId="tasks-reassign-user"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      </Modal>

      <BulkResultsModal outcome={outcome} onClose={() => setOutcome(null)} />
    </main>
  );
}
