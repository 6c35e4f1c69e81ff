import { isReportMonth, previousReportMonth, screeningSemesterStart } from './monthly-reports';

describe('report months (monthly-reports.ts)', () => {
  it('takes the month before the one a time falls in, in Asia/Shanghai', () => {
    expect(previousReportMonth(new Date('2026-03-15T12:00:00Z'))).toBe('2026-02');
    // 1 January 00:00 in Shanghai is 31 December in UTC: the year turns over there first
    expect(previousReportMonth(new Date('2025-12-31T16:00:00Z'))).toBe('2025-12');
    expect(previousReportMonth(new Date('2025-12-31T15:59:59Z'))).toBe('2025-11');
    expect(previousReportMonth(new Date('2026-01-20T00:00:00Z'))).toBe('2025-12');
    expect(previousReportMonth(new Date('2026-10-31T16:00:00Z'))).toBe('2026-10');
  });

  it('accepts YYYY-MM months only', () => {
    expect(['2026-01', '2026-12', '1999-09'].every(isReportMonth)).toBe(true);
    expect(['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', 202601, null].some(isReportMonth)).toBe(
      false,
    );
  });
});

describe('screeningSemesterStart', () => {
  it('puts August to January in the autumn semester and February to July in the spring one', () => {
    expect(screeningSemesterStart('2026-09')).toBe('2026-08');
    expect(screeningSemesterStart('2026-12')).toBe('2026-08');
    expect(screeningSemesterStart('2027-01')).toBe('2026-08');
    expect(screeningSemesterStart('2027-02')).toBe('2027-02');
    expect(screeningSemesterStart('2027-07')).toBe('2027-02');
    expect(screeningSemesterStart('2027-08')).toBe('2027-08');
  });
});
