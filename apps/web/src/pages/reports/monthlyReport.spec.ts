import type { Me, MonthlyReportRow, OrgUnit } from '../../api/types';
import {
  countOf,
  defaultUnit,
  previousMonth,
  reportUnits,
  splitBars,
  suppressionReasons,
  validMonth,
} from './monthlyReport';

const unit = (id: string, kind: OrgUnit['kind'], orgPath: string): OrgUnit => ({
  id,
  parentId: null,
  kind,
  name: id,
  code: id,
  orgPath,
});
const units = [
  unit('city', 'city', '/c'),
  unit('district', 'district', '/c/d'),
  unit('school-a', 'school', '/c/d/a'),
  unit('grade-a', 'grade', '/c/d/a/g'),
  unit('school-b', 'school', '/c/d/b'),
];
const me = (...roles: [string, string, string][]): Me => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  roles: roles.map(([role, orgUnitId, orgPath]) => ({ role, orgUnitId, orgPath }) as Me['roles'][number]),
});

describe('reportUnits and defaultUnit', () => {
  it('offers a district supervisor the district and its schools, never a grade, and defaults to the district', () => {
    const supervisor = me(['districtSupervisor', 'district', '/c/d']);
    expect(reportUnits(supervisor, units).map((u) => u.id)).toEqual(['district', 'school-a', 'school-b']);
    expect(defaultUnit(supervisor, reportUnits(supervisor, units))?.id).toBe('district');
  });

  it("offers a psychology teacher their own school only, and none for a class teacher's grant", () => {
    const teacher = me(['psychTeacher', 'school-a', '/c/d/a'], ['classTeacher', 'school-b', '/c/d/b']);
    expect(reportUnits(teacher, units).map((u) => u.id)).toEqual(['school-a']);
    expect(defaultUnit(teacher, reportUnits(teacher, units))?.id).toBe('school-a');
    expect(reportUnits(me(['classTeacher', 'school-a', '/c/d/a']), units)).toEqual([]);
  });
});

describe('months', () => {
  it('defaults to the month that just ended, across a year', () => {
    expect(previousMonth(new Date(2026, 11, 5))).toBe('2026-11');
    expect(previousMonth(new Date(2027, 0, 15))).toBe('2026-12');
  });

  it('takes a month from the address only as YYYY-MM and not after this month', () => {
    const now = new Date(2026, 11, 5);
    expect(validMonth('2026-12', now)).toBe('2026-12');
    expect(validMonth('2026-03', now)).toBe('2026-03');
    expect(validMonth('2027-01', now)).toBeNull();
    expect(validMonth('2026-13', now)).toBeNull();
    expect(validMonth('nope', now)).toBeNull();
    expect(validMonth(null, now)).toBeNull();
  });
});

describe('counts', () => {
  const row: MonthlyReportRow = {
    counts: {
      byRiskLevel: { low: 6, moderate: null, high: null, imminent: 0, unknown: 0 },
      newCases: null,
      closedCases: 0,
      openAtMonthEnd: 9,
      overdueOpenTasks: 7,
      referrals: 0,
      referralOutcomes: { admitted: 0, outpatient: 0, notNeeded: 0, unknown: 0 },
      homeVisitsDone: 5,
      homeVisitsDue: 9,
      screeningCoverage: null,
    },
    suppressed: [
      { field: 'byRiskLevel.moderate', reason: 'small' },
      { field: 'byRiskLevel.high', reason: 'complementary' },
      { field: 'newCases', reason: 'small' },
    ],
  };

  it('reads a shown count as its number, 0 included, and a hidden one with its reason', () => {
    expect(countOf(row, 'closedCases')).toEqual({ shown: true, value: 0 });
    expect(countOf(row, 'byRiskLevel.low')).toEqual({ shown: true, value: 6 });
    expect(countOf(row, 'byRiskLevel.moderate')).toEqual({ shown: false, reason: 'small' });
    expect(countOf(row, 'byRiskLevel.high')).toEqual({ shown: false, reason: 'complementary' });
    expect(countOf(row, 'newCases')).toEqual({ shown: false, reason: 'small' });
    expect(suppressionReasons([row])).toEqual(new Set(['small', 'complementary']));
  });

  it('leaves hidden counts out of a chart instead of drawing them as 0', () => {
    const bars = (['low', 'moderate', 'high', 'imminent'] as const).map((key) => ({
      key,
      label: key,
      count: countOf(row, `byRiskLevel.${key}`),
    }));
    const { drawn, left } = splitBars(bars);
    expect(drawn).toEqual([
      { label: 'low', value: 6 },
      { label: 'imminent', value: 0 },
    ]);
    expect(left.map((bar) => bar.key)).toEqual(['moderate', 'high']);
  });
});
