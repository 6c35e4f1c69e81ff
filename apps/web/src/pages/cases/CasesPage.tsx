import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import {
  bulkCancelInstances,
  bulkRetryIncidents,
  instancesCsvPath,
  listInstances,
  listOpenIncidents,
  type InstanceFilter,
} from '../../api/endpoints';
import type { BulkItemResult, InstanceState, InstanceSummary } from '../../api/types';
import { INSTANCE_STATES } from '../../api/types';
import { describeError, ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { isSupervisor } from '../../session/roles';
import { useMe } from '../../session/useMe';
import { BulkResultsModal, type BulkOutcome } from '../console/BulkResultsModal';
import { ConsoleTable } from '../console/ConsoleTable';
import { BulkBar, ConsoleHead, ConsoleSearch, LoadMore } from '../console/ConsoleFrame';
import { daysSince } from '../console/format';
import { useOrgUnits, useProcessKeys } from '../console/lookups';
import { useConsolePreference } from '../console/useConsolePreferences';
import '../console/console.css';

/** The cases list's filters as saved on the server. */
interface CasesView extends Record<string, unknown> {
  state?: InstanceState;
  definitionKey?: string;
  orgUnitId?: string;
  overdue?: boolean;
  stuckDays?: number;
}

const STUCK_CHOICES = [3, 7, 14, 30] as const;
const STATE_COLORS: Record<string, string> = {
  active: 'processing',
  completed: 'success',
  cancelled: 'default',
  incident: 'error',
};

/** The name a case goes by in results and confirmations: its student, else its business key. */
function caseName(item: InstanceSummary, t: (key: 'console.noStudent') => string): string {
  const who = item.student?.name ?? item.businessKey ?? t('console.noStudent');
  return item.definitionName ? `${who} · ${item.definitionName}` : who;
}

export function CasesPage() {
  const preference = useConsolePreference<CasesView>('cases', {});
  if (!preference.ready) return <Spin className="console-spin" />;
  return <CasesList initial={preference.value} save={preference.setValue} />;
}

function CasesList({ initial, save }: { initial: CasesView; save(view: CasesView): void }) {
  const { t, label, formatDateTime } = useI18n();
  const me = useMe();
  const supervisor = isSupervisor(me);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [view, setView] = useState<CasesView>(initial);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [retryOpen, setRetryOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const processes = useProcessKeys();
  const units = useOrgUnits();

  const filter: InstanceFilter = {
    state: view.state,
    definitionKey: view.definitionKey,
    orgUnitId: view.orgUnitId,
    overdue: view.overdue,
    stuckDays: view.stuckDays,
  };
  const cases = useInfiniteQuery({
    queryKey: ['instances', 'console', filter],
    queryFn: ({ pageParam }) => listInstances({ ...filter, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const all = useMemo(() => cases.data?.pages.flatMap((page) => page.items) ?? [], [cases.data]);
  const needle = search.trim().toLowerCase();
  const rows = needle
    ? all.filter((item) =>
        [item.student?.name, item.student?.studentNo, item.businessKey].some((text) =>
          text?.toLowerCase().includes(needle),
        ),
      )
    : all;
  const byId = new Map(all.map((item) => [item.id, item]));
  const chosen = selected.flatMap((id) => byId.get(id) ?? []);
  const filtered = Object.values(view).some((value) => value !== undefined && value !== false);

  const change = (patch: Partial<CasesView>) => {
    const next = { ...view, ...patch };
    setView(next);
    setSelected([]);
    save(next);
  };

  const finish = (action: BulkOutcome['action'], results: BulkItemResult[], names: Map<string, string>) => {
    setOutcome({ action, results, names });
    setSelected([]);
    void client.invalidateQueries({ queryKey: ['instances'] });
    void client.invalidateQueries({ queryKey: ['tasks'] });
  };

  const cancelSelected = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const answer = await bulkCancelInstances(
        chosen.map((item) => item.id),
        reason.trim(),
      );
      setCancelOpen(false);
      form.resetFields();
      finish('cancel', answer.results, new Map(chosen.map((item) => [item.id, caseName(item, t)])));
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  // Incident retry works on incidents: each selected case's open incidents, reported per case.
  const retrySelected = async () => {
    setBusy(true);
    try {
      const withIncidents = chosen.filter((item) => item.openIncidents > 0);
      const incidents = (await Promise.all(withIncidents.map((item) => listOpenIncidents(item.id)))).flatMap(
        (page) => page.items,
      );
      if (incidents.length === 0) {
        void message.info(t('console.cases.retryNone'));
        setRetryOpen(false);
        return;
      }
      const answer = await bulkRetryIncidents(incidents.map((incident) => incident.id));
      const names = new Map(
        incidents.map((incident) => {
          const item = byId.get(incident.instanceId);
          return [incident.id, item ? caseName(item, t) : t('common.none')];
        }),
      );
      setRetryOpen(false);
      finish('retry', answer.results, names);
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const student = (item: InstanceSummary) =>
    item.student ? (
      <span className="console-student">
        <strong>{item.student.name ?? item.student.studentNo}</strong>
        <span className="muted">{item.student.className}</span>
      </span>
    ) : (
      <span className="muted">{t('console.noStudent')}</span>
    );
  const stuck = (item: InstanceSummary) => {
    if (item.state !== 'active' && item.state !== 'incident')
      return <span className="muted">{t('common.none')}</span>;
    const days = daysSince(item.updatedAt);
    return (
      <Tooltip title={t('console.cases.stuckTooltip')}>
        <span
          className={days >= 7 ? 'console-late' : days >= 3 ? 'console-warn' : undefined}
          data-testid="case-stuck"
        >
          {days === 0 ? t('console.today') : t('console.days', { count: days })}
        </span>
      </Tooltip>
    );
  };
  const state = (item: InstanceSummary) => (
    <Tag color={STATE_COLORS[item.state]} data-testid="case-state" data-state={item.state}>
      {label('state', item.state)}
    </Tag>
  );
  const link = (item: InstanceSummary, content: React.ReactNode) => (
    <a href={hrefFor({ page: 'case', id: item.id })} data-testid={`case-link-${item.id}`}>
      {content}
    </a>
  );

  const columns: ColumnsType<InstanceSummary> = [
    { title: t('console.cases.col.state'), key: 'state', render: (_, item) => state(item), width: 90 },
    { title: t('console.cases.col.student'), key: 'student', render: (_, item) => link(item, student(item)) },
    {
      title: t('console.cases.col.businessKey'),
      key: 'businessKey',
      render: (_, item) => item.businessKey ?? t('common.none'),
    },
    {
      title: t('console.cases.col.process'),
      key: 'process',
      render: (_, item) => (
        <span>
          {item.definitionName ?? item.definitionKey}{' '}
          <span className="muted">{t('console.processes.version', { version: item.version })}</span>
        </span>
      ),
    },
    { title: t('console.cases.col.orgUnit'), key: 'orgUnit', render: (_, item) => item.orgUnitName },
    {
      title: t('console.cases.col.started'),
      key: 'started',
      render: (_, item) => formatDateTime(item.startedAt),
    },
    {
      title: t('console.cases.col.overdue'),
      key: 'overdue',
      align: 'right',
      render: (_, item) =>
        item.overdueTasks > 0 ? <Tag color="red">{item.overdueTasks}</Tag> : <span className="muted">0</span>,
    },
    { title: t('console.cases.col.stuck'), key: 'stuck', align: 'right', render: (_, item) => stuck(item) },
    {
      title: t('console.cases.col.incidents'),
      key: 'incidents',
      align: 'right',
      render: (_, item) =>
        item.openIncidents > 0 ? (
          <Tag color="#8b1a1a">{item.openIncidents}</Tag>
        ) : (
          <span className="muted">0</span>
        ),
    },
  ];

  const card = (item: InstanceSummary) => (
    <>
      <div className="console-card-head">
        {link(item, student(item))}
        {state(item)}
      </div>
      <div className="console-card-line">
        {item.definitionName ?? item.definitionKey} · {item.orgUnitName}
      </div>
      <div className="console-card-line muted">
        {item.businessKey ?? t('common.none')} · {formatDateTime(item.startedAt)}
      </div>
      <Space size={8} wrap className="console-card-line">
        {item.overdueTasks > 0 && (
          <Tag color="red">
            {t('console.cases.col.overdue')} {item.overdueTasks}
          </Tag>
        )}
        {item.openIncidents > 0 && (
          <Tag color="#8b1a1a">
            {t('console.cases.col.incidents')} {item.openIncidents}
          </Tag>
        )}
        <span>
          {t('console.cases.col.stuck')} {stuck(item)}
        </span>
      </Space>
    </>
  );

  return (
    <main className="page console-page" data-testid="cases-page">
      <ConsoleHead
        prefix="cases"
        title={t('console.cases.title')}
        subtitle={t('console.cases.subtitle')}
        onRefresh={() => void cases.refetch()}
        csvPath={instancesCsvPath(filter)}
        csvFile="cases.csv"
      />

      <div className="console-filters" data-testid="cases-filters">
        <ConsoleSearch
          prefix="cases"
          value={search}
          onChange={setSearch}
          placeholder={t('console.cases.searchPlaceholder')}
        />
        <Select<InstanceState | undefined>
          allowClear
          placeholder={t('console.cases.filter.state')}
          value={view.state}
          onChange={(value) => change({ state: value })}
          options={INSTANCE_STATES.map((value) => ({ value, label: label('state', value) }))}
          className="console-select"
          data-testid="cases-state-filter"
        />
        <Select<string | undefined>
          allowClear
          placeholder={t('console.cases.filter.process')}
          value={view.definitionKey}
          onChange={(value) => change({ definitionKey: value })}
          options={processes.map((process) => ({ value: process.key, label: process.name }))}
          className="console-select"
          data-testid="cases-process-filter"
        />
        <Select<string | undefined>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('console.cases.filter.orgUnit')}
          value={view.orgUnitId}
          onChange={(value) => change({ orgUnitId: value })}
          options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
          className="console-select"
          data-testid="cases-unit-filter"
        />
        <Select<number | undefined>
          allowClear
          placeholder={t('console.cases.filter.stuck')}
          value={view.stuckDays}
          onChange={(value) => change({ stuckDays: value })}
          options={STUCK_CHOICES.map((days) => ({
            value: days,
            label: t('console.cases.filter.stuckDays', { count: days }),
          }))}
          className="console-select console-select-wide"
          data-testid="cases-stuck-filter"
        />
        <Checkbox
          checked={view.overdue === true}
          onChange={(event) => change({ overdue: event.target.checked || undefined })}
          data-testid="cases-overdue-filter"
        >
          {t('console.cases.filter.overdue')}
        </Checkbox>
        {filtered && (
          <Button
            type="link"
            onClick={() =>
              change({
                state: undefined,
                definitionKey: undefined,
                orgUnitId: undefined,
                overdue: undefined,
                stuckDays: undefined,
              })
            }
            data-testid="cases-reset"
          >
            {t('console.reset')}
          </Button>
        )}
      </div>

      <BulkBar prefix="cases" count={supervisor ? selected.length : 0} onClear={() => setSelected([])}>
        <Button danger onClick={() => setCancelOpen(true)} data-testid="cases-bulk-cancel">
          {t('console.cases.cancel')}
        </Button>
        <Button
          onClick={() => setRetryOpen(true)}
          disabled={!chosen.some((item) => item.openIncidents > 0)}
          data-testid="cases-bulk-retry"
        >
          {t('console.cases.retry')}
        </Button>
      </BulkBar>

      <ErrorMessage error={cases.error} testId="cases-error" />
      <ConsoleTable<InstanceSummary>
        rows={rows}
        rowKey={(item) => item.id}
        columns={columns}
        card={card}
        selectLabel={t('console.selectRow')}
        selected={supervisor ? selected : undefined}
        onSelect={supervisor ? setSelected : undefined}
        loading={cases.isLoading}
        empty={filtered || needle ? t('console.cases.emptyFiltered') : t('console.cases.empty')}
        testId="cases-table"
        rowClassName={(item) => (item.overdueTasks > 0 ? 'console-row-late' : '')}
      />
      <LoadMore
        prefix="cases"
        shown={all.length}
        hasMore={cases.hasNextPage}
        loading={cases.isFetchingNextPage}
        onMore={() => void cases.fetchNextPage()}
      />

      <Modal
        open={cancelOpen}
        title={t('console.cases.cancelTitle', { count: chosen.length })}
        okText={t('console.cases.cancelConfirm')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'cases-cancel-confirm' } as never}
        cancelText={t('common.cancel')}
        onOk={() => void cancelSelected().catch(() => undefined)}
        onCancel={() => setCancelOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('console.cases.cancelHint')}</Typography.Paragraph>
        <ul className="console-chosen">
          {chosen.map((item) => (
            <li key={item.id}>{caseName(item, t)}</li>
          ))}
        </ul>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('console.cases.cancelReason')}
            rules={[{ required: true, whitespace: true, message: t('console.cases.cancelReasonRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              placeholder={t('console.cases.cancelReasonPlaceholder')}
              data-testid="cases-cancel-reason"
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={retryOpen}
        title={t('console.cases.retryTitle', {
          count: chosen.filter((item) => item.openIncidents > 0).length,
        })}
        okText={t('console.cases.retryConfirm')}
        okButtonProps={{ loading: busy, 'data-testid': 'cases-retry-confirm' } as never}
        cancelText={t('common.cancel')}
        onOk={() => void retrySelected()}
        onCancel={() => setRetryOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t('console.cases.retryHint')}</Typography.Paragraph>
        <ul className="console-chosen">
          {chosen
            .filter((item) => item.openIncidents > 0)
            .map((item) => (
              <li key={item.id}>{caseName(item, t)}</li>
            ))}
        </ul>
      </Modal>

      <BulkResultsModal outcome={outcome} onClose={() => setOutcome(null)} />
    </main>
  );
}
