import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Result, Select, Space, Spin, Tabs, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { getMonthlyReport, listOrgUnits, monthlyReportPath } from '../../api/endpoints';
import type { MonthlyReport, MonthlyReportRow, MonthlyReportSchool } from '../../api/types';
import { CardTable, type CardColumn } from '../../components/CardTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n, type Language, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { canReadMonthlyReport } from '../../session/roles';
import { useMe } from '../../session/useMe';
import { CsvExportButton } from '../console/CsvExportButton';
import {
  countOf,
  defaultUnit,
  monthOf,
  previousMonth,
  reportUnits,
  splitBars,
  suppressionReasons,
  validMonth,
  type Bar,
  type Count,
  type CountField,
} from './monthlyReport';
import './monthly-report.css';

const ReportBarChart = lazy(() => import('./ReportBarChart'));

/** Numbers, percentages and dates in the reader's language. */
interface Formats {
  number(value: number): string;
  percent(value: number): string;
  month(month: string): string;
  day(iso: string): string;
  dateTime(iso: string | null | undefined): string;
}

function useFormats(language: Language, dateTime: Formats['dateTime']): Formats {
  return useMemo(() => {
    const number = new Intl.NumberFormat(language);
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    const month = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long' });
    const day = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' });
    return {
      number: (value) => number.format(value),
      percent: (value) => percent.format(value),
      month: (value) => {
        const [year, monthNo] = value.split('-').map(Number);
        return month.format(new Date(year ?? 1970, (monthNo ?? 1) - 1, 1));
      },
      day: (iso) => day.format(new Date(iso)),
      dateTime,
    };
    // `dateTime` is new on every render; it changes with the language only
  }, [language]);
}

/** `#/reports/monthly?orgUnitId=&month=`: the 月报 of a school, or of a district's schools. */
export function MonthlyReportPage() {
  const me = useMe();
  const { t, language, formatDateTime } = useI18n();
  const formats = useFormats(language, formatDateTime);
  const [search, setSearch] = useSearchParams();
  const unitsQuery = useQuery({ queryKey: ['org-units'], queryFn: listOrgUnits, staleTime: 300_000 });
  const units = useMemo(() => reportUnits(me, unitsQuery.data?.items ?? []), [me, unitsQuery.data]);

  const now = new Date();
  const month = validMonth(search.get('month'), now) ?? previousMonth(now);
  const orgUnitId = search.get('orgUnitId') ?? defaultUnit(me, units)?.id;
  // The defaults go into the address, so what is on the screen is a bookmark.
  useEffect(() => {
    if (orgUnitId && (search.get('orgUnitId') !== orgUnitId || search.get('month') !== month))
      setSearch({ orgUnitId, month }, { replace: true });
  }, [orgUnitId, month, search, setSearch]);

  const report = useQuery({
    queryKey: ['reports', 'monthly', orgUnitId, month],
    queryFn: () => getMonthlyReport(orgUnitId ?? '', month),
    enabled: orgUnitId !== undefined,
  });

  if (!canReadMonthlyReport(me)) return <Result status="403" title={t('console.results.403')} />;

  const depth = (path: string) => path.split('/').length;
  const top = Math.min(...units.map((unit) => depth(unit.orgPath)));
  const choose = (next: { orgUnitId?: string; month?: string }) =>
    setSearch({ orgUnitId: next.orgUnitId ?? orgUnitId ?? '', month: next.month ?? month });

  return (
    <main className="page report-page" data-testid="report-page">
      <div className="report-controls">
        <h1 data-testid="page-title">{t('report.title')}</h1>
        <Space wrap>
          <Select<string>
            value={orgUnitId}
            onChange={(id) => choose({ orgUnitId: id })}
            loading={unitsQuery.isPending}
            aria-label={t('report.unit')}
            data-testid="report-unit"
            className="report-unit"
            popupMatchSelectWidth={false}
            // the chosen unit by its name, without the list's indentation
            labelRender={(option) => units.find((unit) => unit.id === option.value)?.name ?? option.label}
            options={units.map((unit) => ({
              value: unit.id,
              title: unit.name,
              label: (
                <span data-testid={`report-unit-option-${unit.id}`}>
                  {'\u3000'.repeat(Math.max(0, depth(unit.orgPath) - top))}
                  {unit.name}
                </span>
              ),
            }))}
          />
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            onChange={(value) => value && choose({ month: value.format('YYYY-MM') })}
            disabledDate={(day) => day.format('YYYY-MM') > monthOf(new Date())}
            allowClear={false}
            aria-label={t('report.month')}
            data-testid="report-month"
          />
          {orgUnitId && (
            <CsvExportButton
              path={monthlyReportPath(orgUnitId, month, true)}
              fileName={`monthly-report-${month}.csv`}
              testId="report-export"
            />
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
            {t('report.print')}
          </Button>
        </Space>
      </div>
      <ErrorMessage error={unitsQuery.error ?? report.error} testId="report-error" />
      {unitsQuery.isSuccess && units.length === 0 && !search.get('orgUnitId') && (
        <p className="empty" data-testid="report-no-units">
          {t('report.noUnits')}
        </p>
      )}
      {report.isFetching && !report.data && <Spin className="report-spin" />}
      {report.data && <ReportView report={report.data} formats={formats} />}
    </main>
  );
}

/** The report itself: what is printed. */
function ReportView({ report, formats }: { report: MonthlyReport; formats: Formats }) {
  const { t } = useI18n();
  const school = report.rollup === null ? report.schools[0] : undefined;
  const row: MonthlyReportRow | undefined = report.rollup ?? school;
  const generated = formats.dateTime(report.generatedAt);
  const reasons = suppressionReasons([...(report.rollup ? [report.rollup] : []), ...report.schools]);
  const submittedCount = report.schools.filter((item) => item.submitted).length;

  return (
    <article className="report" data-testid="report" data-kind={report.orgUnit.kind}>
      <header className="report-head">
        <h2 data-testid="report-title">
          {t('report.reportTitle', { unit: report.orgUnit.name, month: formats.month(report.month) })}
        </h2>
        <div className="report-meta">
          <span data-testid="report-generated">{t('report.generatedAt', { time: generated })}</span>
          {school ? (
            <Submission school={school} formats={formats} />
          ) : (
            <span data-testid="report-submitted-count">
              {t('report.schoolsSubmitted', { submitted: submittedCount, total: report.schools.length })}
            </span>
          )}
        </div>
      </header>
      {reasons.size > 0 && <Legend reasons={reasons} />}
      {row && <Kpis row={row} formats={formats} />}
      {row && <Charts row={row} formats={formats} />}
      {report.rollup && <Schools schools={report.schools} formats={formats} />}
      <footer className="report-print-footer">{t('report.printFooter', { time: generated })}</footer>
    </article>
  );
}

function Submission({ school, formats }: { school: MonthlyReportSchool; formats: Formats }) {
  const { t } = useI18n();
  if (!school.submitted)
    return (
      <span className="report-not-submitted" data-testid="report-submission" data-submitted="false">
        {t('report.notSubmitted')}
      </span>
    );
  return (
    <span className="report-submitted" data-testid="report-submission" data-submitted="true">
      {t('report.submittedBy', {
        who: school.submittedBy ?? t('common.none'),
        date: school.submittedAt ? formats.day(school.submittedAt) : t('common.none'),
      })}
    </span>
  );
}

const HIDDEN_MARK = { small: '<5', complementary: '*' } as const;

/** A count as the reader may see it: its number, or "<5" / "*" with why — never a 0. */
function CountText({ count, formats, testId }: { count: Count; formats: Formats; testId?: string }) {
  const { t } = useI18n();
  if (count.shown)
    return (
      <span className="report-count" data-testid={testId}>
        {formats.number(count.value)}
      </span>
    );
  return (
    <Tooltip title={t(`report.legend.${count.reason}`)}>
      <span className="report-hidden" data-testid={testId} data-suppressed={count.reason}>
        {HIDDEN_MARK[count.reason]}
      </span>
    </Tooltip>
  );
}

function Coverage({ row, formats, testId }: { row: MonthlyReportRow; formats: Formats; testId?: string }) {
  const { t } = useI18n();
  const value = row.counts.screeningCoverage;
  if (value === null)
    return (
      <Tooltip title={t('report.noScreening')}>
        <span className="report-none" data-testid={testId} aria-label={t('report.noScreening')}>
          {t('common.none')}
        </span>
      </Tooltip>
    );
  return (
    <span className="report-count" data-testid={testId}>
      {formats.percent(value)}
    </span>
  );
}

function HomeVisits({ row, formats, testId }: { row: MonthlyReportRow; formats: Formats; testId?: string }) {
  return (
    <span className="nowrap" data-testid={testId}>
      <CountText count={countOf(row, 'homeVisitsDone')} formats={formats} />
      {' / '}
      <CountText count={countOf(row, 'homeVisitsDue')} formats={formats} />
    </span>
  );
}

function Legend({ reasons }: { reasons: Set<'small' | 'complementary'> }) {
  const { t } = useI18n();
  return (
    <ul className="report-legend" data-testid="report-legend">
      {(['small', 'complementary'] as const)
        .filter((reason) => reasons.has(reason))
        .map((reason) => (
          <li key={reason}>
            <span className="report-hidden">{HIDDEN_MARK[reason]}</span> {t(`report.legend.${reason}`)}
          </li>
        ))}
    </ul>
  );
}

const KPI_FIELDS = ['newCases', 'closedCases', 'openAtMonthEnd', 'overdueOpenTasks', 'referrals'] as const;

function Kpis({ row, formats }: { row: MonthlyReportRow; formats: Formats }) {
  const { t } = useI18n();
  const card = (key: string, label: string, value: ReactNode) => (
    <div className="report-kpi" key={key}>
      <div className="report-kpi-label">{label}</div>
      <div className="report-kpi-value">{value}</div>
    </div>
  );
  return (
    <section className="report-kpis" data-testid="report-kpis">
      {KPI_FIELDS.map((field) =>
        card(
          field,
          t(`report.kpi.${field}`),
          <CountText count={countOf(row, field)} formats={formats} testId={`report-kpi-${field}`} />,
        ),
      )}
      {card(
        'homeVisits',
        t('report.kpi.homeVisits'),
        <HomeVisits row={row} formats={formats} testId="report-kpi-homeVisits" />,
      )}
      {card(
        'screeningCoverage',
        t('report.kpi.screeningCoverage'),
        <Coverage row={row} formats={formats} testId="report-kpi-screeningCoverage" />,
      )}
    </section>
  );
}

const RISK_COLORS = {
  low: '#4f9d74',
  moderate: '#d9a400',
  high: '#e0672b',
  imminent: '#b42318',
  unknown: '#9aa5b1',
} as const;
const OUTCOME_COLORS = {
  admitted: '#8b3a62',
  outpatient: '#2f6f8f',
  notNeeded: '#4f9d74',
  unknown: '#9aa5b1',
} as const;

function barsOf<K extends string>(
  row: MonthlyReportRow,
  group: 'byRiskLevel' | 'referralOutcomes',
  colors: Record<K, string>,
  label: (key: K) => string,
): (Bar & { color: string })[] {
  return (Object.keys(colors) as K[]).map((key) => ({
    key,
    label: label(key),
    count: countOf(row, `${group}.${key}` as CountField),
    color: colors[key],
  }));
}

function Charts({ row, formats }: { row: MonthlyReportRow; formats: Formats }) {
  const { t } = useI18n();
  const risk = barsOf(row, 'byRiskLevel', RISK_COLORS, (key) => t(`report.risk.${key}`));
  const outcomes = barsOf(row, 'referralOutcomes', OUTCOME_COLORS, (key) => t(`report.outcome.${key}`));
  const visits = [
    {
      key: 'done',
      label: t('report.visits.done'),
      count: countOf(row, 'homeVisitsDone'),
      color: '#2f6f8f',
    },
    { key: 'due', label: t('report.visits.due'), count: countOf(row, 'homeVisitsDue'), color: '#9ac1d4' },
  ];
  return (
    <section className="report-charts">
      <ChartCard title={t('report.chart.risk')} bars={risk} formats={formats} testId="report-chart-risk" />
      <ChartCard
        title={t('report.chart.referralOutcomes')}
        bars={outcomes}
        formats={formats}
        testId="report-chart-outcomes"
      />
      <ChartCard
        title={t('report.chart.homeVisits')}
        bars={visits}
        formats={formats}
        testId="report-chart-visits"
      />
    </section>
  );
}

function ChartCard({
  title,
  bars,
  formats,
  testId,
}: {
  title: string;
  bars: (Bar & { color: string })[];
  formats: Formats;
  testId: string;
}) {
  const { t } = useI18n();
  const { drawn, left } = splitBars(bars);
  const colorOf = new Map(bars.map((bar) => [bar.label, bar.color]));
  const chartBars = useMemo(
    () => drawn.map((bar) => ({ ...bar, color: colorOf.get(bar.label) ?? '#2f6f8f' })),
    // the bars' words and numbers are what the chart depends on
    [JSON.stringify(drawn)],
  );
  return (
    <div className="report-chart">
      <h3>{title}</h3>
      {chartBars.length > 0 ? (
        <Suspense fallback={<div className="report-chart-canvas" />}>
          <ReportBarChart
            bars={chartBars}
            seriesName={t('report.chart.count')}
            format={formats.number}
            testId={testId}
          />
        </Suspense>
      ) : (
        <p className="report-chart-empty" data-testid={testId}>
          {t('report.chart.allHidden')}
        </p>
      )}
      {left.length > 0 && chartBars.length > 0 && (
        <p className="report-chart-left" data-testid={`${testId}-left`}>
          {t('report.chart.left', {
            names: left
              .map((bar) =>
                t('report.chart.leftItem', {
                  name: bar.label,
                  mark: bar.count.shown ? '' : HIDDEN_MARK[bar.count.reason],
                }),
              )
              .join(t('report.chart.leftSeparator')),
          })}
        </p>
      )}
    </div>
  );
}

type Tab = 'all' | 'notSubmitted';

/** The district's schools: who has submitted, and each school's counts. */
function Schools({ schools, formats }: { schools: MonthlyReportSchool[]; formats: Formats }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('all');
  const missing = schools.filter((school) => !school.submitted);
  const rows = tab === 'all' ? schools : missing;
  const columns = schoolColumns(t, formats, true);
  const printColumns = schoolColumns(t, formats, false);
  return (
    <section className="report-schools" data-testid="report-schools">
      <h3>{t('report.schools')}</h3>
      <div className="report-screen-only">
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as Tab)}
          items={[
            {
              key: 'all',
              label: (
                <span data-testid="report-tab-all">{t('report.tab.all', { count: schools.length })}</span>
              ),
            },
            {
              key: 'notSubmitted',
              label: (
                <span data-testid="report-tab-notSubmitted">
                  {t('report.tab.notSubmitted', { count: missing.length })}
                </span>
              ),
            },
          ]}
        />
        <div className="report-table-box">
          <CardTable<MonthlyReportSchool>
            rows={rows}
            columns={columns}
            rowKey={(school) => school.orgUnitId}
            rowTestId={(school) => `report-school-${school.orgUnitId}`}
            cardTitle={(school) => school.name}
            empty={tab === 'all' ? t('report.noSchools') : t('report.allSubmitted')}
            testId="report-school-table"
          />
        </div>
      </div>
      {/* Paper gets every school as a plain table whatever the tab or the screen's width. */}
      <table className="report-print-only report-print-table">
        <thead>
          <tr>
            {printColumns.map((column) => (
              <th key={column.key} className={column.numeric ? 'numeric' : undefined}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {schools.map((school) => (
            <tr key={school.orgUnitId}>
              {printColumns.map((column) => (
                <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
                  {column.render(school)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The schools' columns; `ids` gives cells their test ids (the screen's table, not the paper's). */
function schoolColumns(t: Translate, formats: Formats, ids: boolean): CardColumn<MonthlyReportSchool>[] {
  const id = (school: MonthlyReportSchool, what: string) =>
    ids ? `report-school-${school.orgUnitId}-${what}` : undefined;
  const count = (field: (typeof KPI_FIELDS)[number]): CardColumn<MonthlyReportSchool> => ({
    key: field,
    title: t(`report.kpi.${field}` as MessageKey),
    numeric: true,
    render: (school) => (
      <CountText count={countOf(school, field)} formats={formats} testId={id(school, field)} />
    ),
  });
  return [
    {
      key: 'name',
      title: t('report.col.school'),
      hideOnCard: true,
      render: (school) => <strong>{school.name}</strong>,
    },
    {
      key: 'submitted',
      title: t('report.col.submitted'),
      render: (school) =>
        school.submitted ? (
          <span className="report-submitted-cell" data-testid={id(school, 'submitted')}>
            <Tag color="green">{t('report.submitted')}</Tag>
            <span className="muted">
              {t('report.submittedDetail', {
                who: school.submittedBy ?? t('common.none'),
                time: formats.dateTime(school.submittedAt),
              })}
            </span>
          </span>
        ) : (
          <span data-testid={id(school, 'submitted')}>
            <Tag color="red">{t('report.notSubmitted')}</Tag>
          </span>
        ),
    },
    ...KPI_FIELDS.map(count),
    {
      key: 'homeVisits',
      title: t('report.kpi.homeVisits'),
      numeric: true,
      render: (school) => <HomeVisits row={school} formats={formats} testId={id(school, 'homeVisits')} />,
    },
    {
      key: 'screeningCoverage',
      title: t('report.kpi.screeningCoverage'),
      numeric: true,
      render: (school) => <Coverage row={school} formats={formats} testId={id(school, 'coverage')} />,
    },
  ];
}
