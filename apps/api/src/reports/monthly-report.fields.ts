import {
  type MonthlyReportDetail,
  REPORT_RISK_LEVELS,
  REPORT_TIME_ZONE,
} from '../../../../libs/persistence/src';
import type { FlatCounts } from './monthly-suppression';
import type { MonthlyReportCountsView } from './monthly-report.responses';

/**
 * The report's counts as flat fields (`byRiskLevel.high`): the unit of suppression, the CSV's
 * columns, and back into the JSON shape.
 */

const RISK_KEYS = [...REPORT_RISK_LEVELS, 'unknown'] as const;
const OUTCOME_KEYS = ['admitted', 'outpatient', 'notNeeded', 'unknown'] as const;

export const RISK_TOTAL_FIELD = 'openAtMonthEnd';
export const RISK_FIELDS = RISK_KEYS.map((level) => `byRiskLevel.${level}`);

/** Every count of a row, in the CSV's column order. */
export const COUNT_FIELDS = [
  'newCases',
  'closedCases',
  RISK_TOTAL_FIELD,
  ...RISK_FIELDS,
  'overdueOpenTasks',
  'referrals',
  ...OUTCOME_KEYS.map((outcome) => `referralOutcomes.${outcome}`),
  'homeVisitsDone',
  'homeVisitsDue',
] as const;

export function flatCounts(detail: MonthlyReportDetail): FlatCounts {
  const flat: FlatCounts = {
    newCases: detail.newCases,
    closedCases: detail.closedCases,
    openAtMonthEnd: detail.openAtMonthEnd,
    overdueOpenTasks: detail.overdueOpenTasks,
    referrals: detail.referrals,
    homeVisitsDone: detail.homeVisitsDone,
    homeVisitsDue: detail.homeVisitsDue,
    'referralOutcomes.admitted': detail.referralOutcomes.admitted,
    'referralOutcomes.outpatient': detail.referralOutcomes.outpatient,
    'referralOutcomes.notNeeded': detail.referralOutcomes['not-needed'],
    'referralOutcomes.unknown': detail.referralOutcomes.unknown,
  };
  for (const level of RISK_KEYS) flat[`byRiskLevel.${level}`] = detail.byRiskLevel[level];
  return flat;
}

/** The field-wise sum of rows (the district's rollup): zeros when there is no row. */
export function sumCounts(rows: readonly FlatCounts[]): FlatCounts {
  const sum: FlatCounts = {};
  for (const field of COUNT_FIELDS) sum[field] = rows.reduce((total, row) => total + (row[field] ?? 0), 0);
  return sum;
}

export function countsView(
  values: Record<string, number | null>,
  screeningCoverage: number | null,
): MonthlyReportCountsView {
  const at = (field: string) => values[field] ?? null;
  return {
    byRiskLevel: {
      low: at('byRiskLevel.low'),
      moderate: at('byRiskLevel.moderate'),
      high: at('byRiskLevel.high'),
      imminent: at('byRiskLevel.imminent'),
      unknown: at('byRiskLevel.unknown'),
    },
    newCases: at('newCases'),
    closedCases: at('closedCases'),
    openAtMonthEnd: at('openAtMonthEnd'),
    overdueOpenTasks: at('overdueOpenTasks'),
    referrals: at('referrals'),
    referralOutcomes: {
      admitted: at('referralOutcomes.admitted'),
      outpatient: at('referralOutcomes.outpatient'),
      notNeeded: at('referralOutcomes.notNeeded'),
      unknown: at('referralOutcomes.unknown'),
    },
    homeVisitsDone: at('homeVisitsDone'),
    homeVisitsDue: at('homeVisitsDue'),
    screeningCoverage,
  };
}

/**
 * The share of the students of `details` (one school, or a district's schools summed) screened
 * this semester, rounded to four places; null without students. A share, not a count: it is
 * never suppressed, and a district learns from it how much of a school was screened, not who.
 */
export function screeningCoverage(details: readonly MonthlyReportDetail[]): number | null {
  const students = details.reduce((sum, detail) => sum + detail.screening.students, 0);
  const screened = details.reduce((sum, detail) => sum + detail.screening.screened, 0);
  return students === 0 ? null : Math.round((screened / students) * 10_000) / 10_000;
}

/** The month (YYYY-MM) that `at` falls in, in the report's zone. */
export function reportMonthOf(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: REPORT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}
