import { ArrowLeftOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Result, Select, Space, Spin, Switch, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  getDefinition,
  getDefinitionStatistics,
  listDefinitionVersions,
  listInstances,
} from '../../api/endpoints';
import type { ElementStatistics, InstanceSummary } from '../../api/types';
import type { DiagramOverlay } from '../../components/diagram/ProcessDiagram';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n, type Translate } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { isSupervisor } from '../../session/roles';
import { useMe } from '../../session/useMe';
import { ConsoleTable } from './ConsoleTable';
import { daysSince, elementNames, formatDuration } from './format';
import './console.css';

const ProcessDiagram = lazy(() => import('../../components/diagram/ProcessDiagram'));
const DurationChart = lazy(() => import('./DurationChart'));

const HEAT_STEPS = 5;

/**
 * The heatmap's five steps: equal slices of the range of average times over the elements that
 * have one, so the slowest element is always the hottest. Each step's bounds for the legend.
 */
export function heatSteps(stats: readonly ElementStatistics[]): {
  levelOf: Map<string, number>;
  bounds: { from: number; to: number }[];
} {
  const timed = stats.filter((item) => item.avgDurationMs !== null) as (ElementStatistics & {
    avgDurationMs: number;
  })[];
  if (timed.length === 0) return { levelOf: new Map(), bounds: [] };
  const min = Math.min(...timed.map((item) => item.avgDurationMs));
  const max = Math.max(...timed.map((item) => item.avgDurationMs));
  // all within a minute of each other: one colour, one line of legend (no "under 1 min – under 1 min")
  if (max - min < 60_000) {
    return { levelOf: new Map(timed.map((item) => [item.elementId, 0])), bounds: [{ from: min, to: max }] };
  }
  const width = (max - min) / HEAT_STEPS;
  const levelOf = new Map(
    timed.map((item) => [
      item.elementId,
      Math.min(HEAT_STEPS - 1, Math.floor((item.avgDurationMs - min) / width)),
    ]),
  );
  const bounds = Array.from({ length: HEAT_STEPS }, (_, step) => ({
    from: min + step * width,
    to: step === HEAT_STEPS - 1 ? max : min + (step + 1) * width,
  }));
  return { levelOf, bounds };
}

function Counts({ item, t, onClick }: { item: ElementStatistics; t: Translate; onClick(): void }) {
  if (item.active + item.overdue + item.incidents === 0) return null;
  return (
    <Tooltip
      title={t('console.process.overlayTitle', {
        active: item.active,
        overdue: item.overdue,
        incidents: item.incidents,
      })}
    >
      <div
        className="cp-count-badges"
        onClick={onClick}
        data-testid={`overlay-${item.elementId}`}
        data-active={item.active}
        data-overdue={item.overdue}
        data-incidents={item.incidents}
      >
        {item.active > 0 && <span className="cp-count cp-count-active">{item.active}</span>}
        {item.overdue > 0 && <span className="cp-count cp-count-overdue">{item.overdue}</span>}
        {item.incidents > 0 && <span className="cp-count cp-count-incidents">{item.incidents}</span>}
      </div>
    </Tooltip>
  );
}

/** `#/processes/<key>?element=<id>&version=<n>&heat=1`: one process's diagram with its cases on it. */
export function ProcessConsolePage({ definitionKey }: { definitionKey: string }) {
  const { t, language, formatDateTime } = useI18n();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const elementId = search.get('element') ?? undefined;
  const heat = search.get('heat') === '1';
  const versionParam = Number(search.get('version') ?? '') || undefined;

  const versions = useQuery({
    queryKey: ['definitions', 'versions', definitionKey],
    queryFn: () => listDefinitionVersions(definitionKey),
  });
  const list = versions.data?.items ?? [];
  const current = list.find((item) => item.version === versionParam) ?? list[0];
  const detail = useQuery({
    queryKey: ['definition', current?.id],
    queryFn: () => getDefinition(current?.id ?? ''),
    enabled: current !== undefined,
    staleTime: Infinity,
  });
  const statistics = useQuery({
    queryKey: ['definition-statistics', current?.id],
    queryFn: () => getDefinitionStatistics(current?.id ?? ''),
    enabled: current !== undefined,
    refetchInterval: 30_000,
  });
  const cases = useInfiniteQuery({
    queryKey: ['instances', 'element', definitionKey, current?.version, elementId],
    queryFn: ({ pageParam }) =>
      listInstances({
        definitionKey,
        version: current?.version,
        elementId,
        cursor: pageParam ?? undefined,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: current !== undefined && elementId !== undefined,
  });

  const xml = detail.data?.xml;
  const names = useMemo(() => (xml ? elementNames(xml) : new Map<string, string>()), [xml]);
  const stats = useMemo(() => statistics.data?.items ?? [], [statistics.data]);
  const steps = useMemo(() => heatSteps(stats), [stats]);

  const setParam = useCallback(
    (name: string, value: string | undefined) =>
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value === undefined) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: name !== 'element' },
      ),
    [setSearch],
  );
  const select = useCallback((id: string) => setParam('element', id), [setParam]);

  const overlays = useMemo<DiagramOverlay[]>(
    () =>
      stats.map((item) => ({
        elementId: item.elementId,
        position: { top: 0, right: 12 },
        content: <Counts item={item} t={t} onClick={() => select(item.elementId)} />,
      })),
    // `t` is new on every render; the language is what its output depends on
    [stats, select, language],
  );
  const markers = useMemo(() => {
    const out: Record<string, string> = {};
    if (heat) for (const [id, level] of steps.levelOf) out[id] = `cp-heat-${level}`;
    if (elementId) out[elementId] = `${out[elementId] ?? ''} cp-active`.trim();
    return out;
  }, [heat, steps, elementId]);
  const focus = useMemo(() => (elementId ? { id: elementId, seq: 0 } : null), [elementId]);
  const format = useCallback((ms: number) => formatDuration(ms, t), [language]);
  const bars = useMemo(
    () =>
      stats
        // unnamed elements (a bare start event) would show as ids: a supervisor reads names
        .filter((item) => item.avgDurationMs !== null && names.has(item.elementId))
        .map((item) => ({
          elementId: item.elementId,
          name: names.get(item.elementId) ?? item.elementId,
          ms: item.avgDurationMs ?? 0,
        })),
    [stats, names],
  );

  if (!isSupervisor(me)) return <Result status="403" title={t('console.results.403')} />;
  if (versions.isSuccess && list.length === 0)
    return (
      <Result
        status="404"
        title={t('console.process.notFound')}
        extra={<a href={hrefFor({ page: 'processes' })}>{t('console.process.back')}</a>}
      />
    );

  const name = current?.name ?? names.get(definitionKey) ?? definitionKey;
  // Running cases of the version (a case may wait at several elements at once), overdue tasks
  // and incidents summed over the elements.
  const totals = stats.reduce(
    (sum, item) => ({
      ...sum,
      overdue: sum.overdue + item.overdue,
      incidents: sum.incidents + item.incidents,
    }),
    { active: current?.runningInstances ?? 0, overdue: 0, incidents: 0 },
  );
  const elementName = elementId ? (names.get(elementId) ?? elementId) : '';
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];

  const studentCell = (item: InstanceSummary) => (
    <a href={hrefFor({ page: 'case', id: item.id })} data-testid={`element-case-${item.id}`}>
      {item.student ? (
        <span className="console-student">
          <strong>{item.student.name ?? item.student.studentNo}</strong>
          <span className="muted">{item.student.className}</span>
        </span>
      ) : (
        (item.businessKey ?? t('console.noStudent'))
      )}
    </a>
  );
  const caseColumns: ColumnsType<InstanceSummary> = [
    { title: t('console.cases.col.student'), key: 'student', render: (_, item) => studentCell(item) },
    {
      title: t('console.cases.col.businessKey'),
      key: 'key',
      render: (_, item) => item.businessKey ?? t('common.none'),
    },
    { title: t('console.cases.col.orgUnit'), key: 'unit', render: (_, item) => item.orgUnitName },
    {
      title: t('console.cases.col.started'),
      key: 'started',
      render: (_, item) => formatDateTime(item.startedAt),
    },
    {
      title: t('console.cases.col.stuck'),
      key: 'stuck',
      align: 'right',
      render: (_, item) => {
        const days = daysSince(item.updatedAt);
        return days === 0 ? t('console.today') : t('console.days', { count: days });
      },
    },
    {
      title: t('console.cases.col.overdue'),
      key: 'overdue',
      align: 'right',
      render: (_, item) => (item.overdueTasks > 0 ? <Tag color="red">{item.overdueTasks}</Tag> : 0),
    },
    {
      title: t('console.cases.col.incidents'),
      key: 'incidents',
      align: 'right',
      render: (_, item) => (item.openIncidents > 0 ? <Tag color="#8b1a1a">{item.openIncidents}</Tag> : 0),
    },
  ];

  return (
    <main className="page console-page" data-testid="process-page">
      <div className="console-head">
        <div>
          <a href={hrefFor({ page: 'processes' })} data-testid="process-back">
            <ArrowLeftOutlined /> {t('console.process.back')}
          </a>
          <Typography.Title level={2} data-testid="page-title" style={{ margin: '4px 0 0' }}>
            {name}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="process-totals">
            {t('console.process.totals', totals)}
          </Typography.Text>
        </div>
        <Space wrap>
          {list.length > 1 && (
            <Select<number>
              value={current?.version}
              onChange={(value) => setParam('version', String(value))}
              options={list.map((item) => ({
                value: item.version,
                label: t('console.processes.version', { version: item.version }),
              }))}
              aria-label={t('console.process.versionLabel')}
              data-testid="process-version"
              style={{ minWidth: 110 }}
            />
          )}
          <Space>
            <Switch
              checked={heat}
              onChange={(on) => setParam('heat', on ? '1' : undefined)}
              data-testid="heatmap-toggle"
            />
            <span>{t('console.process.heatmap')}</span>
          </Space>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void statistics.refetch()}
            aria-label={t('common.refresh')}
          />
        </Space>
      </div>

      <ErrorMessage error={versions.error ?? detail.error ?? statistics.error} testId="process-error" />

      <div className="console-legend" data-testid="process-legend">
        <span className="console-legend-item">
          <span className="cp-count cp-count-active">n</span>
          {t('console.process.legendWaiting')}
        </span>
        <span className="console-legend-item">
          <span className="cp-count cp-count-overdue">n</span>
          {t('console.process.legendOverdue')}
        </span>
        <span className="console-legend-item">
          <span className="cp-count cp-count-incidents">n</span>
          {t('console.process.legendIncidents')}
        </span>
      </div>
      {heat && (
        <div className="console-legend" data-testid="heat-legend">
          <strong>{t('console.process.heatLegend')}</strong>
          {steps.bounds.length === 0 ? (
            <span className="muted">{t('console.process.heatmapEmpty')}</span>
          ) : (
            steps.bounds.map((bound, step) => (
              <span key={step} className="console-legend-item">
                <span className={`console-swatch console-heat-${step}`} />
                {format(bound.from) === format(bound.to)
                  ? format(bound.to)
                  : `${format(bound.from)} – ${format(bound.to)}`}
              </span>
            ))
          )}
        </div>
      )}

      {xml ? (
        <Suspense fallback={<Spin className="console-spin" />}>
          <ProcessDiagram
            xml={xml}
            overlays={overlays}
            markers={markers}
            onElementClick={select}
            focus={focus}
            label={t('console.process.diagramLabel', { name })}
            height={480}
          />
        </Suspense>
      ) : (
        <Spin className="console-spin" />
      )}

      {elementId ? (
        <Card
          size="small"
          title={
            <span data-testid="element-cases-title">
              {t('console.process.elementCases', { element: elementName })}
            </span>
          }
          extra={
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              onClick={() => setParam('element', undefined)}
              aria-label={t('console.process.clearElement')}
              data-testid="element-cases-close"
            />
          }
          data-testid="element-cases"
        >
          <ConsoleTable<InstanceSummary>
            rows={rows}
            rowKey={(item) => item.id}
            columns={caseColumns}
            card={(item) => (
              <>
                {studentCell(item)}
                <div className="muted">
                  {item.orgUnitName} · {formatDateTime(item.startedAt)}
                </div>
              </>
            )}
            loading={cases.isLoading}
            empty={t('console.process.elementEmpty')}
            testId="element-cases-table"
          />
          {cases.hasNextPage && (
            <Button onClick={() => void cases.fetchNextPage()} style={{ marginTop: 8 }}>
              {t('console.loadMore')}
            </Button>
          )}
        </Card>
      ) : (
        <Typography.Text type="secondary" data-testid="process-click-hint">
          {t('console.process.clickHint')}
        </Typography.Text>
      )}

      <Card size="small" title={t('console.process.chartTitle')} data-testid="process-chart">
        {bars.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.process.heatmapEmpty')} />
        ) : (
          <Suspense fallback={<Spin />}>
            <DurationChart
              bars={bars}
              seriesName={t('console.process.chartSeries')}
              format={format}
              onBarClick={select}
            />
          </Suspense>
        )}
      </Card>
    </main>
  );
}
