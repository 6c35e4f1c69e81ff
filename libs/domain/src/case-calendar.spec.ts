import { isSchoolDay, isWorkingDay } from './calendar';
import { canonicalJson, caseCalendarFrom, NATIONAL_DAYS_LAST_YEAR, nationalDays } from './case-calendar';
import { nationalInLieuDays } from './national-days';

describe('the national days (chinese-days)', () => {
  it('has the 2026 notice: breaks as days off, weekend make-up days as working days', () => {
    const days = nationalDays(2026);
    expect(NATIONAL_DAYS_LAST_YEAR).toBeGreaterThanOrEqual(2026);
    expect(days.holidays).toEqual(expect.arrayContaining(['2026-02-17', '2026-10-01', '2026-10-07']));
    expect(days.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days.holidays.every((date) => date >= '2026-01-01')).toBe(true);
  });

  it('lists every in-lieu day among the holidays, and no day as both off and worked', () => {
    // Why only `holidays` and `workdays` are read (national-days.ts): if a package update broke
    // this, in-lieu days would have to be merged as days off too.
    const all = nationalDays(0);
    const holidays = new Set(all.holidays);
    expect(nationalInLieuDays().filter((date) => !holidays.has(date))).toEqual([]);
    expect(all.workdays.filter((date) => holidays.has(date))).toEqual([]);
  });
});

describe('caseCalendarFrom', () => {
  const definition = {
    timezone: 'Asia/Shanghai',
    terms: [
      { name: '2026 秋', start: '2026-09-01', end: '2027-01-22' },
      { name: '2026 春', start: '2026-03-02', end: '2026-07-03' },
      { name: '2024 秋', start: '2024-09-01', end: '2025-01-17' },
    ],
    holidays: ['2026-11-11', '2026-09-20', '2024-06-01'],
    workdays: ['2026-10-07'],
  };

  it('gives a case without a calendar the national days, no terms, in Shanghai', () => {
    const calendar = caseCalendarFrom(null, { fromYear: 2026 });
    expect(calendar).toMatchObject({ timezone: 'Asia/Shanghai', terms: [], sourceUnitId: null });
    expect(calendar.holidays).toEqual(nationalDays(2026).holidays);
    expect(calendar.workdays).toEqual(nationalDays(2026).workdays);
    expect(calendar.version).toMatch(/^[0-9a-f]{64}$/);
    expect(isWorkingDay('2026-10-02', calendar)).toBe(false);
  });

  it("merges the unit's days with the national ones, its own list winning", () => {
    const calendar = caseCalendarFrom({ unitId: 'unit-7', definition }, { fromYear: 2026 });
    expect(calendar.sourceUnitId).toBe('unit-7');
    // Terms sorted, those ended before fromYear left out.
    expect(calendar.terms.map((term) => term.name)).toEqual(['2026 春', '2026 秋']);
    // A unit holiday adds to the national ones; its workday cancels a national holiday…
    expect(calendar.holidays).toContain('2026-11-11');
    expect(calendar.holidays).not.toContain('2026-10-07');
    expect(calendar.workdays).toContain('2026-10-07');
    expect(isSchoolDay('2026-10-07', calendar)).toBe(true);
    // …and its holiday cancels a national make-up day (the school does not work Sunday 09-20).
    expect(calendar.workdays).not.toContain('2026-09-20');
    expect(isSchoolDay('2026-09-20', calendar)).toBe(false);
    expect(calendar.holidays).not.toContain('2024-06-01');
  });

  it('fingerprints the content: equal calendars, equal versions; any change, a new one', () => {
    const a = caseCalendarFrom({ unitId: 'unit-7', definition }, { fromYear: 2026 });
    const reordered = {
      ...definition,
      terms: [...definition.terms].reverse(),
      holidays: [...definition.holidays].reverse(),
    };
    const b = caseCalendarFrom({ unitId: 'unit-7', definition: reordered }, { fromYear: 2026 });
    expect(b.version).toBe(a.version);
    const changed = caseCalendarFrom(
      { unitId: 'unit-7', definition: { ...definition, holidays: [...definition.holidays, '2026-12-01'] } },
      { fromYear: 2026 },
    );
    expect(changed.version).not.toBe(a.version);
    expect(caseCalendarFrom({ unitId: 'unit-8', definition }, { fromYear: 2026 }).version).not.toBe(
      a.version,
    );
  });

  it('defaults the zone and the first year', () => {
    const calendar = caseCalendarFrom({ unitId: 'u', definition: { ...definition, timezone: '' } });
    expect(calendar.timezone).toBe('Asia/Shanghai');
    const lastYear = new Date().getUTCFullYear() - 1;
    expect(calendar.holidays.every((date) => Number(date.slice(0, 4)) >= lastYear)).toBe(true);
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":null,"d":2}]}');
  });
});
