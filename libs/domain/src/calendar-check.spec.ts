import { canonicalTimeZone, checkCalendarDefinition, isCalendarDate } from './calendar-check';

const problemsOf = (body: unknown, language: 'en' | 'zh-CN' = 'en') => {
  const checked = checkCalendarDefinition(body, language);
  return checked.ok ? [] : checked.problems.map((p) => `${p.path} ${p.code}`);
};

describe('checkCalendarDefinition', () => {
  it('accepts a calendar and returns it normalised: zone default, terms by start, dates sorted and unique', () => {
    // given
    const body = {
      terms: [
        { name: ' 春季 ', start: '2027-02-20', end: '2027-07-02' },
        { name: '秋季', start: '2026-09-01', end: '2027-01-22' },
      ],
      holidays: ['2026-11-20', '2026-11-19', '2026-11-20'],
      workdays: [],
    };
    // when
    const checked = checkCalendarDefinition(body);
    // then
    expect(checked).toEqual({
      ok: true,
      definition: {
        timezone: 'Asia/Shanghai',
        terms: [
          { name: '秋季', start: '2026-09-01', end: '2027-01-22' },
          { name: '春季', start: '2027-02-20', end: '2027-07-02' },
        ],
        holidays: ['2026-11-19', '2026-11-20'],
        workdays: [],
      },
    });
  });

  it('names each wrong field by its path', () => {
    expect(
      problemsOf({
        timezone: 'Asia/Nowhere',
        terms: [{ name: 'a', start: '2026-09-01', end: '2026-08-31' }, 'x', { start: '2026-13-01' }],
        holidays: ['2026-02-29', '2024-02-29', 5],
        workdays: null,
        extra: true,
      }),
    ).toEqual([
      'extra unknownField',
      'timezone timezone',
      'terms.0.end endBeforeStart',
      'terms.1 termNotObject',
      'terms.2.name required',
      'terms.2.start date',
      'terms.2.end required',
      'holidays.0 date',
      'holidays.2 notString',
      'workdays notArray',
    ]);
  });

  it('finds overlapping terms, also one covered by a long earlier term', () => {
    const term = (name: string, start: string, end: string) => ({ name, start, end });
    expect(
      problemsOf({
        terms: [
          term('year', '2026-09-01', '2027-07-01'),
          term('b', '2026-10-01', '2026-10-31'),
          term('c', '2027-03-01', '2027-03-31'),
          term('d', '2027-07-02', '2027-08-01'),
        ],
        holidays: [],
        workdays: [],
      }),
    ).toEqual(['terms.1 termsOverlap', 'terms.2 termsOverlap']);
    // a term ending the day before the next starts does not overlap it; one ending on it does
    expect(
      problemsOf({
        terms: [term('a', '2026-09-01', '2026-09-30'), term('b', '2026-09-30', '2026-10-10')],
        holidays: [],
        workdays: [],
      }),
    ).toEqual(['terms.1 termsOverlap']);
  });

  it('bounds sizes and years, and refuses a day both off and worked', () => {
    expect(problemsOf({ terms: [], holidays: Array(401).fill('2026-10-01'), workdays: [] })).toEqual([
      'holidays tooMany',
    ]);
    expect(problemsOf({ terms: [], holidays: ['1999-12-31'], workdays: ['2101-01-01'] })).toEqual([
      'holidays.0 dateYear',
      'workdays.0 dateYear',
    ]);
    expect(problemsOf({ terms: [], holidays: ['2026-10-08'], workdays: ['2026-10-08'] })).toEqual([
      'workdays.0 holidayAndWorkday',
    ]);
    expect(problemsOf({ terms: [], holidays: ['2026-10-08'], workdays: ['2060-01-05'] })).toEqual([
      'workdays.0 span',
    ]);
  });

  it('words problems in Chinese for zh-CN', () => {
    const checked = checkCalendarDefinition({ terms: [], holidays: ['2026-1-1'], workdays: [] }, 'zh-CN');
    expect(checked.ok ? null : checked.problems[0]?.message).toBe('“2026-1-1”不是有效日期（YYYY-MM-DD）');
  });
});

describe('dates and zones', () => {
  it('knows real dates', () => {
    expect(['2024-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-04-31', '2026-1-01', '20260101', ' 2026-01-01'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('knows IANA zones by their canonical name, and no offsets', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('+08:00')).toBeNull();
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});
