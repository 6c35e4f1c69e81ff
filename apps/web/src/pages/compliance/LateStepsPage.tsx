import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Grid, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { SUPERVISOR_ROLES } from '../../../../../libs/domain/src';
import { getLateSteps, lateStepsPath, listOrgUnits } from '../../api/endpoints';
import type { LateStep, Me, OrgUnit } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { CsvExportButton } from '../console/CsvExportButton';
import { formatDuration } from '../cases/caseModel';
import './compliance.css';

/** Units whose late steps the user may read: at or below a supervising grant, schools and above. */
export function lateStepUnits(me: Me, units: OrgUnit[]): OrgUnit[] {
  const reach = me.roles
    .filter((grant) => (SUPERVISOR_ROLES as readonly string[]).includes(grant.role))
    .map((grant) => grant.orgPath);
  return units
    .filter((unit) => unit.kind !== 'grade' && unit.kind !== 'class')
    .filter((unit) => reach.some((path) => unit.orgPath === path || unit.orgPath.startsWith(`${path}/`)))
    .sort((a, b) => a.orgPath.localeCompare(b.orgPath));
}

const DAY = 'YYYY-MM-DD';

/**
 * `#/reports/late-steps` (supervisors, docs/compliance.md): the steps due in a period at the
 * schools under a unit that were done late or are still overdue, with CSV export. The api
 * decides what is in scope; the unit list only offers what it would answer.
 */
export function LateStepsPage({ me }: { me: Me }) {
  const { t, formatDateTime } = useI18n();
  const screens = Grid.useBreakpoint();
  const units = useQuery({
    queryKey: ['org-units'],
    queryFn: listOrgUnits,
    select: (page) => lateStepUnits(me, page.items),
  });
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const unitId = chosen ?? units.data?.[0]?.id;
  const [from, setFrom] = useState<Dayjs>(() => dayjs().subtract(30, 'day'));
  const [to, setTo] = useState<Dayjs>(() => dayjs());
  const period = { from: from.format(DAY), to: to.format(DAY) };
  const steps = useQuery({
    queryKey: ['reports', 'late-steps', unitId, period.from, period.to],
    queryFn: () => getLateSteps(unitId!, period.from, period.to),
    enabled: unitId !== undefined,
    retry: false,
  });
  const items = steps.data?.items ?? [];
  const depth = useMemo(() => {
    const top = Math.min(...(units.data ?? []).map((u) => u.orgPath.split('/').length));
    return (unit: OrgUnit) => unit.orgPath.split('/').length - top;
  }, [units.data]);

  const late = (item: LateStep) => (
    <Tag color={item.completedAt ? 'warning' : 'error'} data-testid="late-step-late">
      {item.completedAt
        ? t('compliance.late', { duration: formatDuration(item.lateByMs, t) })
        : t('compliance.overdue', { duration: formatDuration(item.lateByMs, t) })}
    </Tag>
  );
  const caseLink = (item: LateStep) => (
    <a href={hrefFor({ page: 'case', id: item.instanceId })} data-testid="late-step-case">
      {item.businessKey ?? item.instanceId.slice(0, 8)}
    </a>
  );

  return (
    <main className="page late-steps-page" data-testid="late-steps-page">
      <div className="page-head">
        <h1 data-testid="page-title">{t('lateSteps.title')}</h1>
      </div>
      <p className="muted">{t('lateSteps.intro')}</p>
      <ErrorMessage error={units.error} />
      {units.data && units.data.length === 0 && <p className="empty">{t('lateSteps.noUnits')}</p>}
      {units.data && units.data.length > 0 && (
        <Form layout="vertical" className="late-steps-filters">
          <Form.Item label={t('lateSteps.unit')} style={{ marginBottom: 0 }}>
            <Select<string>
              value={unitId}
              onChange={setChosen}
              data-testid="late-steps-unit"
              options={units.data.map((unit) => ({
                value: unit.id,
                label: `${'\u3000'.repeat(Math.max(0, depth(unit)))}${unit.name}`,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('lateSteps.period')} style={{ marginBottom: 0 }}>
            <span className="late-steps-period">
              <DatePicker
                value={from}
                allowClear={false}
                onChange={(value) => value && setFrom(value)}
                data-testid="late-steps-from"
              />{' '}
              –{' '}
              <DatePicker
                value={to}
                allowClear={false}
                onChange={(value) => value && setTo(value)}
                data-testid="late-steps-to"
              />
            </span>
          </Form.Item>
          {unitId && (
            <CsvExportButton
              path={lateStepsPath(unitId, period.from, period.to)}
              fileName={`late-steps-${period.from}-${period.to}.csv`}
              testId="late-steps-csv"
            />
          )}
        </Form>
      )}
      <ErrorMessage error={steps.error} testId="late-steps-error" />
      {steps.data?.truncated && (
        <Alert
          type="warning"
          showIcon
          title={t('lateSteps.truncated', { count: items.length })}
          style={{ marginBottom: 12 }}
        />
      )}
      {steps.data && (
        <Typography.Paragraph type="secondary" data-testid="late-steps-count">
          {items.length === 0 ? t('lateSteps.empty') : t('lateSteps.count', { count: items.length })}
        </Typography.Paragraph>
      )}
      {screens.md ? (
        <Table<LateStep>
          size="small"
          rowKey={(item) => `${item.instanceId}-${item.elementId}-${item.dueAt}`}
          loading={steps.isPending && unitId !== undefined}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('lateSteps.empty') }}
          onRow={() => ({ 'data-testid': 'late-step' }) as never}
          columns={[
            { key: 'case', title: t('lateSteps.case'), render: (_, item) => caseLink(item) },
            { key: 'school', title: t('lateSteps.school'), dataIndex: 'orgUnitName' },
            { key: 'step', title: t('compliance.step'), dataIndex: 'name' },
            { key: 'due', title: t('compliance.due'), render: (_, item) => formatDateTime(item.dueAt) },
            {
              key: 'done',
              title: t('compliance.done'),
              render: (_, item) =>
                item.completedAt ? formatDateTime(item.completedAt) : t('lateSteps.stillOpen'),
            },
            { key: 'late', title: t('compliance.lateBy'), render: (_, item) => late(item) },
            {
              key: 'by',
              title: t('compliance.by'),
              render: (_, item) => item.actor?.displayName ?? t('compliance.none'),
            },
            {
              key: 'escalated',
              title: t('compliance.escalations'),
              render: (_, item) =>
                item.escalated ? (
                  <Tag color="orange">{t('lateSteps.escalated')}</Tag>
                ) : (
                  t('lateSteps.notEscalated')
                ),
            },
          ]}
        />
      ) : (
        <ul className="compliance-list">
          {items.map((item) => (
            <li
              key={`${item.instanceId}-${item.elementId}-${item.dueAt}`}
              className="compliance-item"
              data-testid="late-step"
            >
              <div className="compliance-item-head">
                <strong>{item.name}</strong> {late(item)}
                {item.escalated && <Tag color="orange">{t('lateSteps.escalated')}</Tag>}
              </div>
              <dl>
                <dt>{t('lateSteps.case')}</dt>
                <dd>{caseLink(item)}</dd>
                <dt>{t('lateSteps.school')}</dt>
                <dd>{item.orgUnitName}</dd>
                <dt>{t('compliance.due')}</dt>
                <dd>{formatDateTime(item.dueAt)}</dd>
                <dt>{t('compliance.done')}</dt>
                <dd>{item.completedAt ? formatDateTime(item.completedAt) : t('lateSteps.stillOpen')}</dd>
                <dt>{t('compliance.by')}</dt>
                <dd>{item.actor?.displayName ?? t('compliance.none')}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
