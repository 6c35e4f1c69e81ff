import {
  CheckCircleFilled,
  CheckOutlined,
  CloseCircleFilled,
  CopyOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Row,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import {
  getDefinition,
  getInstance,
  getInstanceHistory,
  listInstanceTasks,
  verifyInstanceHistory,
} from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { HistoryEntry, InstanceDetail, Me, Task } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { supervisesCase } from '../../session/roles';
import { buildTimeline, elementLabel, pathMarkers, readDiagram, type DiagramFacts } from './caseModel';
import {
  BreakGlassBanner,
  BreakGlassOffer,
  CaseReads,
  isNotFound,
  LegalHoldControl,
  mayBreakGlass,
} from './CaseConfidentiality';
import { CaseIncidents } from './CaseIncidents';
import { CaseTasks } from './CaseTasks';
import { CaseTimeline } from './CaseTimeline';
import { CaseCompliance } from '../compliance/CaseCompliance';
import { usePeople } from './usePeople';
import './case.css';

const ProcessDiagram = lazy(() => import('../../components/diagram/ProcessDiagram'));

/** Every page of a case's history (500 a page; a case rarely has more than a few hundred entries). */
async function wholeHistory(id: string, reason: string | undefined): Promise<HistoryEntry[]> {
  const items: HistoryEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const answer = await getInstanceHistory(id, cursor, reason);
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return items;
}

const STATE_COLORS: Record<string, string> = {
  active: 'processing',
  completed: 'success',
  cancelled: 'default',
  incident: 'error',
};

export function CaseDetailPage({ id, me }: { id: string; me: Me }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Why the reader opens a sealed case file (docs/api.md#sealed-and-purged-cases); the api records it.
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setReason(undefined), [id]);

  const instance = useQuery({
    queryKey: ['instance', id, 'detail', reason ?? ''],
    queryFn: () => getInstance(id, reason),
  });
  const needsReason = isSealedRead(instance.error);
  const detail = instance.data;

  const refresh = () => {
    setNotice(null);
    void queryClient.invalidateQueries({ queryKey: ['instance', id] });
  };

  return (
    <main className="page case-page" data-testid="case-page">
      <div className="case-topbar">
        <a href={hrefFor({ page: 'cases' })} data-testid="case-back">
          {t('case.back')}
        </a>
        <Button
          icon={<ReloadOutlined aria-hidden aria-label="" />}
          onClick={refresh}
          data-testid="case-refresh"
        >
          {t('common.refresh')}
        </Button>
      </div>
      <Typography.Title level={1} className="case-page-title" data-testid="page-title">
        {t('case.title')}
      </Typography.Title>
      {needsReason ? (
        <SealedReasonForm onSubmit={setReason} />
      ) : isNotFound(instance.error) && mayBreakGlass(me) ? (
        <BreakGlassOffer instanceId={id} onGranted={refresh} />
      ) : (
        <ErrorMessage error={instance.error} testId="case-error" />
      )}
      {notice && (
        <Alert
          type="success"
          showIcon
          closable
          title={notice}
          onClose={() => setNotice(null)}
          data-testid="case-notice"
          style={{ marginBottom: 12 }}
        />
      )}
      {instance.isPending && !needsReason && !instance.error && (
        <Spin style={{ display: 'block', margin: 48 }} />
      )}
      {detail && (
        <CaseBody
          key={detail.id}
          detail={detail}
          me={me}
          reason={reason}
          onNotice={(message) => {
            setNotice(message);
            void queryClient.invalidateQueries({ queryKey: ['instance', id] });
          }}
          onRetried={() => {
            setNotice(t('incident.retried'));
            void queryClient.invalidateQueries({ queryKey: ['instance', id] });
          }}
        />
      )}
    </main>
  );
}

function CaseBody({
  detail,
  me,
  reason,
  onNotice,
  onRetried,
}: {
  detail: InstanceDetail;
  me: Me;
  reason: string | undefined;
  onNotice(message: string): void;
  onRetried(): void;
}) {
  const { t, formatDateTime } = useI18n();
  const supervises = supervisesCase(me, detail.orgPath);
  const id = detail.id;

  const history = useQuery({
    queryKey: ['instance', id, 'history', reason ?? ''],
    queryFn: () => wholeHistory(id, reason),
  });
  const definition = useQuery({
    queryKey: ['definition', detail.definitionId],
    queryFn: () => getDefinition(detail.definitionId),
    staleTime: Infinity,
  });
  const verification = useQuery({
    queryKey: ['instance', id, 'verify'],
    queryFn: () => verifyInstanceHistory(id),
    enabled: supervises,
    retry: false,
  });
  // Due dates of the tasks already done: how late each was completed.
  const doneTasks = useQuery({
    queryKey: ['instance', id, 'tasks', 'completed'],
    queryFn: () => listInstanceTasks(id, 'completed'),
    retry: false,
  });

  const facts: DiagramFacts = useMemo(() => readDiagram(definition.data?.xml), [definition.data?.xml]);
  const entries = useMemo(() => history.data ?? [], [history.data]);
  const people = usePeople(me, [
    ...entries.map((entry) => entry.actor),
    ...entries
      .flatMap((entry) => [entry.data?.assignee, entry.data?.previousAssignee] as unknown[])
      .map((value) => (typeof value === 'string' ? value : null)),
    ...detail.openTasks.map((task) => task.assignee),
  ]);

  const tasksById = useMemo(() => {
    const map = new Map<string, Pick<Task, 'dueAt'>>();
    for (const task of doneTasks.data?.items ?? []) map.set(task.id, task);
    for (const task of detail.openTasks) map.set(task.id, task);
    return map;
  }, [doneTasks.data, detail.openTasks]);

  const timeline = buildTimeline(entries, { facts, t, person: people, tasks: tasksById, formatDateTime });
  const activeIds = detail.activeElements.map((element) => element.elementId);
  const incidentIds = detail.incidents.map((incident) => incident.elementId);
  const markers = useMemo(
    () => pathMarkers(facts, entries, activeIds, incidentIds),
    [facts, entries, activeIds.join(','), incidentIds.join(',')],
  );
  const now = Date.now();
  // Brings where the case is now into view (on a phone the fitted diagram shows only its start).
  const firstActive = activeIds[0];
  const focus = useMemo(() => (firstActive ? { id: firstActive, seq: 1 } : null), [firstActive]);
  const name = (elementId: string) => elementLabel(facts, elementId, t);

  return (
    <>
      {detail.breakGlassUntil && <BreakGlassBanner instanceId={id} until={detail.breakGlassUntil} />}
      <CaseHeader
        detail={detail}
        facts={facts}
        verification={verification}
        supervises={supervises}
        hold={<LegalHoldControl detail={detail} me={me} onChanged={onNotice} />}
      />

      <Card title={t('case.diagram')} size="small" className="case-card" data-testid="case-diagram">
        <div className="case-legend">
          <span className="case-swatch case-swatch-active" /> {t('case.legend.active')}
          <span className="case-swatch case-swatch-done" /> {t('case.legend.done')}
          {incidentIds.length > 0 && (
            <>
              <span className="case-swatch case-swatch-incident" /> {t('case.legend.incident')}
            </>
          )}
        </div>
        {definition.data ? (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <ProcessDiagram
              xml={definition.data.xml}
              markers={markers}
              focus={focus}
              label={t('case.diagramLabel')}
              height={320}
            />
          </Suspense>
        ) : definition.error ? (
          <ErrorMessage error={definition.error} testId="diagram-error" />
        ) : (
          <Spin style={{ display: 'block', margin: 48 }} />
        )}
        {detail.activeElements.length === 0 ? (
          <Typography.Paragraph type="secondary" className="case-active" data-testid="active-elements-empty">
            {t('case.activeEmpty')}
          </Typography.Paragraph>
        ) : (
          <div className="case-active" data-testid="active-elements">
            <Typography.Text type="secondary">{t('case.activeAt')}</Typography.Text>
            {detail.activeElements.map((element) => (
              <Tag
                key={`${element.elementId}-${element.since}`}
                color={incidentIds.includes(element.elementId) ? 'red' : 'cyan'}
                data-testid="active-element"
                data-element-id={element.elementId}
              >
                {name(element.elementId)} · {t('case.since', { time: formatDateTime(element.since) })}
              </Tag>
            ))}
          </div>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <CaseTasks
              instanceId={id}
              caseOrgPath={detail.orgPath}
              tasks={detail.openTasks}
              facts={facts}
              person={people}
              mayReassign={supervises}
              now={now}
            />
            <CaseIncidents
              incidents={detail.incidents}
              elementName={name}
              mayRetry={supervises}
              onRetried={onRetried}
            />
            {(supervises || detail.breakGlassUntil) && <CaseVariables variables={detail.variables} />}
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <CaseTimeline items={timeline} loading={history.isPending} error={history.error} />
        </Col>
      </Row>
      {supervises && <CaseReads instanceId={id} />}
      {/* Supervisors' compliance review (倒查追责, docs/compliance.md), and an emergency reader's
          (the grant admits it as it admits the case); the api asks the same. */}
      {(supervises || detail.breakGlassUntil) && <CaseCompliance instanceId={id} reason={reason} />}
    </>
  );
}

function CaseHeader({
  detail,
  facts,
  verification,
  supervises,
  hold,
}: {
  detail: InstanceDetail;
  facts: DiagramFacts;
  verification: { data?: { valid: boolean; entries: number }; isPending: boolean; isError: boolean };
  supervises: boolean;
  hold: ReactNode;
}) {
  const { t, label, formatDateTime } = useI18n();
  const student = detail.student;
  const processName = detail.definitionName ?? facts.processName ?? detail.definitionKey;
  return (
    <Card size="small" className="case-card case-header" data-testid="case-header">
      <div className="case-header-top">
        <div>
          <Typography.Title level={2} className="case-student" data-testid="case-student">
            {student ? (student.name ?? t('common.none')) : t('case.noStudent')}
          </Typography.Title>
          {student && (
            <Typography.Text type="secondary">
              {student.className} · {t('case.studentNo', { no: student.studentNo })}
            </Typography.Text>
          )}
        </div>
        <Space wrap size={[8, 8]}>
          <Tag color={STATE_COLORS[detail.state]} data-testid="case-state" data-state={detail.state}>
            {label('state', detail.state)}
          </Tag>
          {supervises && <ChainBadge verification={verification} />}
          {hold}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'process', label: t('case.field.process'), children: `${processName} · v${detail.version}` },
          { key: 'unit', label: t('case.field.unit'), children: detail.orgUnitName },
          {
            key: 'businessKey',
            label: t('case.field.businessKey'),
            children: <span data-testid="case-business-key">{detail.businessKey ?? t('common.none')}</span>,
          },
          { key: 'started', label: t('case.field.started'), children: formatDateTime(detail.startedAt) },
          ...(detail.endedAt
            ? [{ key: 'ended', label: t('case.field.ended'), children: formatDateTime(detail.endedAt) }]
            : []),
          ...(detail.sealedAt
            ? [
                {
                  key: 'sealed',
                  label: t('case.field.sealed'),
                  children: <span data-testid="case-sealed">{formatDateTime(detail.sealedAt)}</span>,
                },
              ]
            : []),
          ...(detail.purgedAt
            ? [
                {
                  key: 'purged',
                  label: t('case.field.purged'),
                  children: <span data-testid="case-purged">{formatDateTime(detail.purgedAt)}</span>,
                },
              ]
            : []),
          {
            key: 'id',
            label: t('case.field.id'),
            children: (
              <Typography.Text
                copyable={{
                  text: detail.id,
                  icon: [
                    <CopyOutlined key="copy" aria-label={t('case.copyId')} />,
                    <CheckOutlined key="copied" aria-label={t('case.copied')} />,
                  ],
                  tooltips: [t('case.copyId'), t('case.copied')],
                }}
                className="case-id"
              >
                <span data-testid="case-id">{detail.id}</span>
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The audit chain's verification (GET …/history/verify) as a badge. */
function ChainBadge({
  verification,
}: {
  verification: { data?: { valid: boolean; entries: number }; isPending: boolean; isError: boolean };
}) {
  const { t } = useI18n();
  if (verification.isError) return null;
  if (verification.isPending || !verification.data)
    return (
      <Tag data-testid="chain-badge" data-valid="pending">
        {t('case.chain.checking')}
      </Tag>
    );
  const { valid, entries } = verification.data;
  return (
    <Tooltip title={valid ? t('case.chain.okTip', { count: entries }) : t('case.chain.failedTip')}>
      <Tag
        color={valid ? 'success' : 'error'}
        icon={
          valid ? (
            <CheckCircleFilled aria-hidden aria-label="" />
          ) : (
            <CloseCircleFilled aria-hidden aria-label="" />
          )
        }
        data-testid="chain-badge"
        data-valid={String(valid)}
      >
        {valid ? t('case.chain.ok') : t('case.chain.failed')}
      </Tag>
    </Tooltip>
  );
}

/** The process-level variables, read-only, as the api gives them (sealed ones opened by role). */
function CaseVariables({ variables }: { variables: Record<string, unknown> | null }) {
  const { t } = useI18n();
  const entries = variables ? Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <Card title={t('case.variables.title')} size="small" data-testid="case-variables">
      <Typography.Paragraph type="secondary" className="case-variables-hint">
        {t('case.variables.hint')}
      </Typography.Paragraph>
      {variables === null ? (
        <Typography.Text type="secondary">{t('case.variables.purged')}</Typography.Text>
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.variables.empty')} />
      ) : (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={entries.map(([key, value]) => ({
            key,
            label: <code>{key}</code>,
            children: (
              <span className="case-variable-value" data-testid={`case-variable-${key}`}>
                {typeof value === 'string' ? value : JSON.stringify(value)}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** The api's answer to reading a sealed case file without a reason: 403 naming `reason`. */
function isSealedRead(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    (error.problem?.errors ?? []).some((problem) => problem.path === 'reason')
  );
}

/** Asks why the sealed file is opened; the reason goes with every read of the page. */
function SealedReasonForm({ onSubmit }: { onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <Card size="small" data-testid="sealed-reason" className="case-card">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== '') onSubmit(text.trim());
        }}
      >
        <Typography.Title level={2}>{t('case.sealed.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('case.sealed.explain')}</Typography.Paragraph>
        <label className="field">
          <span>{t('case.sealed.reason')}</span>
          <Input
            value={text}
            maxLength={500}
            required
            onChange={(event) => setText(event.target.value)}
            data-testid="sealed-reason-input"
          />
        </label>
        <Button type="primary" htmlType="submit" data-testid="sealed-reason-submit" style={{ marginTop: 12 }}>
          {t('case.sealed.open')}
        </Button>
      </form>
    </Card>
  );
}
