// The staff inbox (issue 11): tabs with counts, filters by process and student, search and sort,
// saved on the server per user; each task with its student, what it asks, when it is due and who
// holds it. Opening a task goes to its page (#/tasks/<id>); claiming happens here at once.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { App, Badge, Button, Empty, Flex, Grid, Input, Radio, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  claimTask,
  getPreference,
  getStudent,
  getTaskCounts,
  listDefinitions,
  listTasks,
  putPreference,
  searchStudents,
  type TaskFilter,
} from '../../api/endpoints';
import type { Me, Page, Task, TaskCounts } from '../../api/types';
import { describeError, ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { pathFor } from '../../routing/routes';
import { RaiseConcernDialog } from '../students/RaiseConcernDialog';
import {
  countOf,
  DEFAULT_VIEW,
  overdueFirst,
  SORTS,
  TABS,
  tabFilter,
  viewFrom,
  type InboxView,
  type Tab,
} from './inboxView';
import './inbox.css';
import { TaskList } from './TaskList';
import { useDisplayNames, useNow } from './taskWords';

// A screenful and more; the rest on "load more". 200 rows at once took seconds to first paint.
const PAGE_SIZE = 50;
export const tasksKey = ['tasks'] as const;
export const countsKey = ['task-counts'] as const;
const preferenceKey = ['preferences', 'inbox'] as const;

/** Marks the first meaningful paint once: the first rows and the tab counts are on screen. */
function useFirstPaintMark(ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => performance.mark('carepath:inbox-ready'));
  }, [ready]);
}

export function InboxPage({ me }: { me: Me }) {
  const saved = useQuery({
    queryKey: preferenceKey,
    queryFn: () => getPreference('inbox'),
    staleTime: Infinity,
  });
  // Read alongside the saved view: a first visit opens the tab where the work is.
  const counts = useQuery({ queryKey: [...countsKey, {}], queryFn: () => getTaskCounts({}) });
  if (saved.isPending || (counts.isPending && !saved.data?.value))
    return <main className="page inbox-page" data-testid="inbox-page" />;
  const stored = saved.isError ? null : saved.data.value;
  const initial = stored
    ? viewFrom(stored)
    : {
        ...DEFAULT_VIEW,
        tab: firstTabWithWork(counts.data),
      };
  return <Inbox me={me} initial={initial} />;
}

/** Without a saved view: my tasks when I have some, else those I may claim, else my (empty) tasks. */
function firstTabWithWork(counts: TaskCounts | undefined): Tab {
  if (!counts || counts.assignedToMe > 0) return 'assignedToMe';
  return counts.claimable > 0 ? 'claimable' : 'assignedToMe';
}

function Inbox({ me, initial }: { me: Me; initial: InboxView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const now = useNow();
  const [view, setView] = useState<InboxView>(initial);
  const [q, setQ] = useState('');
  const [raising, setRaising] = useState(false);

  // The view is saved half a second after the last change (not on the first render).
  const save = useMutation({
    mutationFn: (value: InboxView) => putPreference('inbox', { ...value }),
    onSuccess: (answer) => queryClient.setQueryData(preferenceKey, answer),
    onError: () => void message.warning({ content: t('inbox.saveFailed'), key: 'save-view' }),
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => save.mutate(view), 500);
    return () => window.clearTimeout(timer);
    // `save` is stable enough: a new mutate per render would only re-save the same view.
  }, [view]);
  const change = (patch: Partial<InboxView>) => setView((current) => ({ ...current, ...patch }));

  const filter = tabFilter(view, q);
  const caseFilter = { definitionKey: view.definitionKey, studentId: view.studentId, q: filter.q };
  const counts = useQuery({
    queryKey: [...countsKey, caseFilter],
    queryFn: () => getTaskCounts(caseFilter),
    refetchInterval: 60_000,
  });
  const list = useInfiniteQuery({
    queryKey: [...tasksKey, 'inbox', filter],
    queryFn: ({ pageParam }) => listTasks({ ...filter, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
  const loaded = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const tasks = useMemo(() => overdueFirst(loaded, now), [loaded, now]);
  const names = useDisplayNames(tasks.map((task) => task.assignee));
  useFirstPaintMark(list.isSuccess && counts.isSuccess);

  const claim = useMutation({
    mutationFn: (task: Task) => claimTask(task.id),
    // Optimistic: the task is mine at once; the lists and counts are read again afterwards.
    onMutate: async (task) => {
      await queryClient.cancelQueries({ queryKey: tasksKey });
      const before = queryClient.getQueriesData<InfiniteData<Page<Task>>>({ queryKey: tasksKey });
      // Mine at once: it leaves the lists of unheld tasks (可认领) and shows me as its holder elsewhere.
      for (const [key, data] of queryClient.getQueriesData<InfiniteData<Page<Task>>>({
        queryKey: [...tasksKey, 'inbox'],
      })) {
        if (!data) continue;
        const unheldOnly = (key[2] as TaskFilter | undefined)?.assignee === 'none';
        queryClient.setQueryData<InfiniteData<Page<Task>>>(key, {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: unheldOnly
              ? page.items.filter((item) => item.id !== task.id)
              : page.items.map((item) => (item.id === task.id ? { ...item, assignee: me.username } : item)),
          })),
        });
      }
      return { before };
    },
    onError: (error, _task, context) => {
      context?.before.forEach(([key, data]) => queryClient.setQueryData(key, data));
      void message.error(t('inbox.claimFailed', { message: describeError(error, t) }));
    },
    onSuccess: (_answer, task) => void message.success(t('inbox.claimed', { name: task.name ?? '' })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: tasksKey });
      void queryClient.invalidateQueries({ queryKey: countsKey });
    },
  });

  const filtered = Boolean(view.definitionKey || view.studentId || q.trim());
  const tabLabel = (tab: Tab) => {
    const count = counts.data ? countOf(counts.data, tab) : undefined;
    return (
      <span data-testid={`inbox-tab-${tab}`}>
        {t(`inbox.tab.${tab}`)}{' '}
        <Badge
          count={count ?? 0}
          showZero
          overflowCount={999}
          color={tab === 'overdue' && count ? '#cf1322' : count ? '#1f6f8b' : '#bfbfbf'}
          data-testid={`inbox-count-${tab}`}
        />
      </span>
    );
  };

  const empty = (
    <Empty
      description={
        <span data-testid="inbox-empty">
          {filtered ? t('inbox.empty.filtered') : t(`inbox.empty.${view.tab}`)}
        </span>
      }
    >
      {view.tab === 'assignedToMe' && !filtered && (counts.data?.claimable ?? 0) > 0 && (
        <Button onClick={() => change({ tab: 'claimable' })} data-testid="inbox-go-claimable">
          {t('inbox.empty.goClaimable', { count: counts.data?.claimable ?? 0 })}
        </Button>
      )}
    </Empty>
  );

  return (
    <main className="page inbox-page" data-testid="inbox-page">
      <Flex justify="space-between" align="center" gap={8} wrap className="inbox-head">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
          {t('inbox.title')}
        </Typography.Title>
        <Space>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            onClick={() => {
              void list.refetch();
              void counts.refetch();
            }}
            loading={list.isRefetching}
            data-testid="inbox-refresh"
          >
            {narrow ? null : t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRaising(true)}
            data-testid="raise-concern"
          >
            {t('inbox.raiseConcern')}
          </Button>
        </Space>
      </Flex>

      {narrow ? (
        <Radio.Group
          className="inbox-tabs-narrow"
          value={view.tab}
          onChange={(event) => change({ tab: event.target.value as Tab })}
          optionType="button"
          options={TABS.map((tab) => ({ value: tab, label: tabLabel(tab) }))}
        />
      ) : (
        <Tabs
          activeKey={view.tab}
          onChange={(key) => change({ tab: key as Tab })}
          items={TABS.map((tab) => ({ key: tab, label: tabLabel(tab) }))}
          style={{ marginBottom: 0 }}
        />
      )}

      <Filters view={view} change={change} q={q} setQ={setQ} narrow={narrow} />

      <ErrorMessage error={list.error ?? counts.error} testId="inbox-error" />
      <TaskList
        tasks={tasks}
        me={me}
        names={names}
        now={now}
        narrow={narrow}
        loading={list.isPending}
        empty={empty}
        claimingId={claim.isPending ? (claim.variables?.id ?? null) : null}
        onClaim={(task) => claim.mutate(task)}
        onOpen={(task) => navigate(pathFor({ page: 'task', id: task.id }))}
      />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid="inbox-more"
          >
            {t('inbox.loadMore')}
          </Button>
        </Flex>
      )}
      <RaiseConcernDialog open={raising} onClose={() => setRaising(false)} />
    </main>
  );
}

interface FiltersProps {
  view: InboxView;
  change(patch: Partial<InboxView>): void;
  q: string;
  setQ(q: string): void;
  narrow: boolean;
}

function Filters({ view, change, q, setQ, narrow }: FiltersProps) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(q);
  const definitions = useQuery({
    queryKey: ['definitions', 'names'],
    queryFn: () => listDefinitions(),
    staleTime: 5 * 60_000,
  });
  const processes = useMemo(() => {
    const byKey = new Map<string, string>();
    // Newest first: the first version of a key seen names it.
    for (const d of definitions.data?.items ?? []) if (!byKey.has(d.key)) byKey.set(d.key, d.name || d.key);
    return [...byKey].map(([value, label]) => ({ value, label }));
  }, [definitions.data]);

  const [studentText, setStudentText] = useState('');
  const [studentQuery, setStudentQuery] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setStudentQuery(studentText.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [studentText]);
  const found = useQuery({
    queryKey: ['students', 'search', studentQuery],
    queryFn: () => searchStudents(studentQuery),
    enabled: studentQuery.length > 0,
  });
  const chosen = useQuery({
    queryKey: ['students', view.studentId],
    queryFn: () => getStudent(view.studentId!),
    enabled: Boolean(view.studentId),
    staleTime: 5 * 60_000,
  });
  const studentOptions = [
    ...(chosen.data && !found.data?.items.some((s) => s.id === chosen.data.id)
      ? [{ value: chosen.data.id, label: `${chosen.data.name} · ${chosen.data.studentNo}` }]
      : []),
    ...(found.data?.items ?? []).map((s) => ({
      value: s.id,
      label: `${s.name ?? s.studentNo} · ${s.className}`,
    })),
  ];

  const width = (desktop: number) => (narrow ? '100%' : desktop);
  return (
    <Flex gap={8} wrap className="inbox-filters" data-testid="inbox-filters">
      <Select
        allowClear
        placeholder={t('inbox.filter.allProcesses')}
        aria-label={t('inbox.filter.process')}
        value={view.definitionKey}
        onChange={(value?: string) => change({ definitionKey: value || undefined })}
        options={processes}
        // A saved process shows by name once the names are in, never as its key meanwhile.
        labelRender={({ label }) => label ?? '…'}
        style={{ width: width(200) }}
        data-testid="inbox-filter-process"
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        showSearch={{ filterOption: false, onSearch: setStudentText }}
        placeholder={t('inbox.filter.studentPlaceholder')}
        aria-label={t('inbox.filter.student')}
        value={view.studentId}
        onChange={(value?: string) => change({ studentId: value || undefined })}
        options={studentOptions}
        notFoundContent={studentQuery && !found.isFetching ? t('concern.noResults') : null}
        loading={found.isFetching}
        style={{ width: width(240) }}
        data-testid="inbox-filter-student"
      />
      <Input.Search
        allowClear
        placeholder={t('inbox.filter.search')}
        value={typed}
        onChange={(event) => {
          setTyped(event.target.value);
          if (event.target.value === '') setQ('');
        }}
        onSearch={(value) => setQ(value)}
        style={{ width: width(280) }}
        data-testid="inbox-search"
      />
      <Select
        aria-label={t('inbox.sort.label')}
        value={view.sort}
        onChange={(sort) => change({ sort })}
        options={SORTS.map((sort) => ({ value: sort, label: t(`inbox.sort.${sort}`) }))}
        style={{ width: width(150) }}
        data-testid="inbox-sort"
      />
    </Flex>
  );
}
