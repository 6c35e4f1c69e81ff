import type { MonthlyReportDetail } from '../../../../libs/persistence/src';
import {
  COUNT_FIELDS,
  countsView,
  flatCounts,
  reportMonthOf,
  screeningCoverage,
  sumCounts,
} from './monthly-report.fields';

const detail: MonthlyReportDetail = {
  byRiskLevel: { low: 1, moderate: 2, high: 3, imminent: 0, unknown: 4 },
  newCases: 5,
  closedCases: 6,
  openAtMonthEnd: 10,
  overdueOpenTasks: 7,
  referrals: 8,
  homeVisitsDone: 9,
  homeVisitsDue: 11,
  referralOutcomes: { admitted: 1, outpatient: 2, 'not-needed': 3, unknown: 0 },
  screening: { students: 40, screened: 30 },
};

describe('the monthly report’s fields (monthly-report.fields.ts)', () => {
  it('flattens every count into a CSV column and back into the JSON shape unchanged', () => {
    const flat = flatCounts(detail);
    expect(Object.keys(flat).sort()).toEqual([...COUNT_FIELDS].sort());
    const { screening: _screening, ...counts } = detail;
    expect(countsView(flat, 0.75)).toEqual({
      ...counts,
      referralOutcomes: { admitted: 1, outpatient: 2, notNeeded: 3, unknown: 0 },
      screeningCoverage: 0.75,
    });
  });

  it('sums rows field by field, zeros for none', () => {
    const flat = flatCounts(detail);
    expect(sumCounts([flat, flat])['byRiskLevel.high']).toBe(6);
    expect(Object.values(sumCounts([])).every((n) => n === 0)).toBe(true);
  });

  it('gives the screened share of the students summed over schools, none without students', () => {
    const other = { ...detail, screening: { students: 3, screened: 0 } };
    expect(screeningCoverage([detail])).toBe(0.75);
    expect(screeningCoverage([detail, other])).toBe(0.6977); // 30 of 43
    expect(screeningCoverage([{ ...detail, screening: { students: 0, screened: 0 } }])).toBeNull();
  });

  it('takes the month in Asia/Shanghai', () => {
    expect(reportMonthOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(reportMonthOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });
});
