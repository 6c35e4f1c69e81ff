// What the monthly report page computes from the api's answer, kept pure for its unit spec:
// which units a user may report on, the default month, and how a count reads — a number, or
// why it is hidden (docs/web.md#monthly-report).
import { MONTHLY_REPORT_READER_ROLES } from '../../../../../libs/domain/src';
import type { Me, MonthlyReportCounts, MonthlyReportRow, OrgUnit } from '../../api/types';

/** Kinds of unit the report covers: a school, or a unit above schools. */
const REPORT_KINDS: readonly string[] = ['root', 'city', 'district', 'school'];

/**
 * The units the user may read the report of: of a reportable kind, at or below a unit where the
 * user holds a reading role (the api's scope rule; it still decides). Outermost first, then by path.
 */
export function reportUnits(me: Me, units: readonly OrgUnit[]): OrgUnit[] {
  const reach = me.roles
    .filter((grant) => (MONTHLY_REPORT_READER_ROLES as readonly string[]).includes(grant.role))
    .map((grant) => grant.orgPath);
  return units
    .filter((unit) => REPORT_KINDS.includes(unit.kind))
    .filter((unit) => reach.some((path) => unit.orgPath === path || unit.orgPath.startsWith(`${path}/`)))
    .sort((a, b) => a.orgPath.localeCompare(b.orgPath));
}

/** The user's own unit: where they hold a reading role (the outermost), else the first one listed. */
export function defaultUnit(me: Me, units: readonly OrgUnit[]): OrgUnit | undefined {
  const granted = new Set(
    me.roles
      .filter((grant) => (MONTHLY_REPORT_READER_ROLES as readonly string[]).includes(grant.role))
      .map((grant) => grant.orgUnitId),
  );
  const depth = (unit: OrgUnit) => unit.orgPath.split('/').length;
  const own = units.filter((unit) => granted.has(unit.id)).sort((a, b) => depth(a) - depth(b));
  return own[0] ?? units[0];
}

/** `YYYY-MM` of a local date. */
export const monthOf = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** The month a report is usually read for: the one that just ended. */
export function previousMonth(now: Date): string {
  return monthOf(new Date(now.getFullYear(), now.getMonth() - 1, 1));
}

/** A `month` from the address, when it is one the api answers (YYYY-MM, not after this month). */
export function validMonth(value: string | null, now: Date): string | null {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  return value <= monthOf(now) ? value : null;
}

/** A count's path in `counts` (`newCases`, `byRiskLevel.high`), as `suppressed` names it. */
export type CountField =
  | Exclude<keyof MonthlyReportCounts, 'byRiskLevel' | 'referralOutcomes' | 'screeningCoverage'>
  | `byRiskLevel.${keyof MonthlyReportCounts['byRiskLevel']}`
  | `referralOutcomes.${keyof MonthlyReportCounts['referralOutcomes']}`;

/** How one count reads: its number, or hidden and why (never a 0 in its place). */
export type Count = { shown: true; value: number } | { shown: false; reason: 'small' | 'complementary' };

export function countOf(row: MonthlyReportRow, field: CountField): Count {
  const [group, key] = field.split('.') as [string, string | undefined];
  const counts = row.counts as unknown as Record<string, unknown>;
  const raw = key === undefined ? counts[group] : (counts[group] as Record<string, unknown>)[key];
  if (typeof raw === 'number') return { shown: true, value: raw };
  const hidden = row.suppressed.find((entry) => entry.field === field);
  // A null the api does not list as suppressed should not happen; read it as the stricter reason.
  return { shown: false, reason: hidden?.reason ?? 'small' };
}

/** Which reasons of hiding a set of rows uses: the legend explains only those. */
export function suppressionReasons(rows: readonly MonthlyReportRow[]): Set<'small' | 'complementary'> {
  return new Set(rows.flatMap((row) => row.suppressed.map((entry) => entry.reason)));
}

/** One bar of a chart: a category and its count, or left out because the count is hidden. */
export interface Bar {
  key: string;
  label: string;
  count: Count;
}

/** The bars a chart draws (hidden counts are left out, not drawn as 0) and the ones it leaves out. */
export function splitBars(bars: readonly Bar[]): { drawn: { label: string; value: number }[]; left: Bar[] } {
  const drawn: { label: string; value: number }[] = [];
  const left: Bar[] = [];
  for (const bar of bars) {
    if (bar.count.shown) drawn.push({ label: bar.label, value: bar.count.value });
    else left.push(bar);
  }
  return { drawn, left };
}
