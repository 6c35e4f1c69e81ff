import {
  addSchoolDays,
  addWorkingDays,
  calendarProblem,
  isSchoolDay,
  isWorkingDay,
  schoolDaysBetween,
  workingDaysBetween,
} from './calendar';
import type { CalendarDefinition, CaseCalendar } from './calendar-types';
import { caseCalendarFrom } from './case-calendar';

/** A school in Shanghai's zone with the real 2026 national days and two terms a year. */
const school: CaseCalendar = caseCalendarFrom(
  {
    unitId: 'unit-1',
    definition: {
      timezone: 'Asia/Shanghai',
      terms: [
        { name: '2025 秋', start: '2025-09-01', end: '2026-01-23' },
        { name: '2026 春', start: '2026-03-02', end: '2026-07-03' },
        { name: '2026 秋', start: '2026-09-01', end: '2027-01-22' },
      ],
      holidays: [],
      workdays: [],
    },
  },
  { fromYear: 2025 },
);
/** The national days alone: no terms. */
const national: CaseCalendar = caseCalendarFrom(null, { fromYear: 2025 });

describe('school days on the real 2026 calendar', () => {
  it('skips the Mid-Autumn and National Day breaks, and counts the make-up Saturday', () => {
    // Friday 2026-09-25 is Mid-Autumn; 10-01..10-07 National Day; Saturday 10-10 is worked.
    const fridayEvening = '2026-09-25T18:30:00+08:00';
    expect(isSchoolDay(fridayEvening, school)).toBe(false);
    expect(addSchoolDays(fridayEvening, 1, school)).toBe('2026-09-28T23:59:59+08:00');
    expect(addSchoolDays(fridayEvening, 3, school)).toBe('2026-09-30T23:59:59+08:00');
    expect(addSchoolDays(fridayEvening, 4, school)).toBe('2026-10-08T23:59:59+08:00');
    expect(addSchoolDays(fridayEvening, 6, school)).toBe('2026-10-10T23:59:59+08:00');
    expect(addSchoolDays(fridayEvening, 7, school)).toBe('2026-10-12T23:59:59+08:00');
    // The eve of National Day: the next school day is a week later.
    expect(addSchoolDays('2026-09-30T20:00:00+08:00', 1, school)).toBe('2026-10-08T23:59:59+08:00');
  });

  it('counts the make-up Sunday 2026-09-20 as a school day', () => {
    expect(isWorkingDay('2026-09-20', national)).toBe(true);
    expect(isSchoolDay('2026-09-20', school)).toBe(true);
    expect(addSchoolDays('2026-09-18T17:00:00+08:00', 1, school)).toBe('2026-09-20T23:59:59+08:00');
    expect(isSchoolDay('2026-09-19', school)).toBe(false);
  });

  it('lets working days run through the Spring Festival while school is on its winter break', () => {
    // Friday 2026-02-13; Saturday 02-14 is a make-up day; 02-15..02-23 Spring Festival.
    const friday = '2026-02-13T19:00:00+08:00';
    expect(addWorkingDays(friday, 1, national)).toBe('2026-02-14T23:59:59+08:00');
    expect(addWorkingDays(friday, 2, national)).toBe('2026-02-24T23:59:59+08:00');
    expect(addWorkingDays(friday, 3, school)).toBe('2026-02-25T23:59:59+08:00');
    // The winter break lasts from 2026-01-24 to 2026-03-01: the next school days are in March.
    expect(isWorkingDay('2026-02-14', school)).toBe(true);
    expect(isSchoolDay('2026-02-14', school)).toBe(false);
    expect(addSchoolDays(friday, 1, school)).toBe('2026-03-02T23:59:59+08:00');
    expect(addSchoolDays(friday, 3, school)).toBe('2026-03-04T23:59:59+08:00');
  });

  it('ends a term on its last day and resumes after the summer break', () => {
    expect(isSchoolDay('2026-07-03', school)).toBe(true);
    expect(isSchoolDay('2026-07-06', school)).toBe(false);
    expect(addSchoolDays('2026-07-02T09:00:00+08:00', 1, school)).toBe('2026-07-03T23:59:59+08:00');
    expect(addSchoolDays('2026-07-02T09:00:00+08:00', 2, school)).toBe('2026-09-01T23:59:59+08:00');
    expect(schoolDaysBetween('2026-07-03', '2026-09-01', school)).toBe(1);
  });

  it('ends n = 0 with the day itself when it is a school day, else with the next one', () => {
    expect(addSchoolDays('2026-09-28T08:00:00+08:00', 0, school)).toBe('2026-09-28T23:59:59+08:00');
    expect(addSchoolDays('2026-09-26T08:00:00+08:00', 0, school)).toBe('2026-09-28T23:59:59+08:00');
    expect(addSchoolDays('2026-10-01', 0, school)).toBe('2026-10-08T23:59:59+08:00');
    expect(addWorkingDays('2026-07-18', 0, school)).toBe('2026-07-20T23:59:59+08:00');
  });

  it('counts between two days both ways', () => {
    expect(schoolDaysBetween('2026-09-25T18:30:00+08:00', '2026-10-10T10:00:00+08:00', school)).toBe(6);
    expect(schoolDaysBetween('2026-10-10T10:00:00+08:00', '2026-09-25T18:30:00+08:00', school)).toBe(-6);
    expect(schoolDaysBetween('2026-09-28', '2026-09-28T23:00:00+08:00', school)).toBe(0);
    expect(workingDaysBetween('2026-02-13', '2026-02-24', national)).toBe(2);
    expect(workingDaysBetween('2026-02-24', '2026-02-13', national)).toBe(-2);
  });

  it('reads a late UTC evening as the next day in Shanghai', () => {
    // 2026-09-27T17:00Z is Monday 09-28 01:00 in Shanghai: a school day, where UTC says Sunday.
    const lateUtc = '2026-09-27T17:00:00Z';
    expect(isSchoolDay(lateUtc, school)).toBe(true);
    expect(isSchoolDay(new Date(lateUtc), school)).toBe(true);
    expect(addSchoolDays(lateUtc, 0, school)).toBe('2026-09-28T23:59:59+08:00');
    expect(addSchoolDays(lateUtc, 1, school)).toBe('2026-09-29T23:59:59+08:00');
    expect(schoolDaysBetween('2026-09-27T15:59:59Z', lateUtc, school)).toBe(1);
    // A wall-clock time without offset is already Shanghai time.
    expect(isSchoolDay('2026-09-27T23:00:00', school)).toBe(false);
  });

  it('gives the offset of the zone on the day, summer time included', () => {
    const paris: CalendarDefinition = { timezone: 'Europe/Paris', terms: [], holidays: [], workdays: [] };
    expect(addWorkingDays('2026-03-27T12:00:00Z', 1, paris)).toBe('2026-03-30T23:59:59+02:00');
    expect(addWorkingDays('2026-10-23T12:00:00Z', 1, paris)).toBe('2026-10-26T23:59:59+01:00');
    // 23:30 UTC on Friday is already Saturday in Paris in summer.
    expect(isWorkingDay('2026-06-26T22:30:00Z', paris)).toBe(false);
  });

  it('answers null after the last term, and for bad arguments', () => {
    // Thursday 2027-01-21; the last term ends on Friday 01-22 and no term follows.
    expect(addSchoolDays('2027-01-21', 1, school)).toBe('2027-01-22T23:59:59+08:00');
    expect(addSchoolDays('2027-01-21', 2, school)).toBeNull();
    expect(addSchoolDays('2027-03-01', 0, school)).toBeNull();
    expect(addSchoolDays('2026-09-28', -1, school)).toBeNull();
    expect(addSchoolDays('2026-09-28', 1.5, school)).toBeNull();
    expect(addSchoolDays('2026-09-28', Number.NaN, school)).toBeNull();
    expect(addSchoolDays('2026-02-30', 1, school)).toBeNull();
    expect(isWorkingDay('2024-02-29', national)).toBe(true);
    expect(isWorkingDay('2000-02-29', national)).toBe(true);
    expect(isWorkingDay('2025-02-29', national)).toBeNull();
    expect(isWorkingDay('1900-02-29', national)).toBeNull();
    // Shanghai's local mean time (+08:05:43) has seconds no ISO offset can say: given in UTC.
    expect(addWorkingDays('0001-01-01', 0, national)).toBe('0001-01-01T15:54:16Z');
    expect(addSchoolDays('yesterday', 1, school)).toBeNull();
    expect(addSchoolDays('2026-09-28T25:00:00Z', 1, school)).toBeNull();
    expect(isSchoolDay(new Date(Number.NaN), school)).toBeNull();
    expect(schoolDaysBetween('2026-09-28', 'nope', school)).toBeNull();
    // Without terms there is always a next working day, up to the last ISO year.
    expect(addWorkingDays('2026-09-28', 10_000_000, national)).toBeNull();
    expect(addWorkingDays('9999-12-30', 1, national)).toBe('9999-12-31T23:59:59+08:00');
  });

  it('refuses an invalid calendar by name, and computes nothing with it', () => {
    const base: CalendarDefinition = { timezone: 'Asia/Shanghai', terms: [], holidays: [], workdays: [] };
    expect(calendarProblem(base)).toBeNull();
    expect(calendarProblem({ ...base, timezone: 'Mars/Olympus' })).toMatch(/time zone/);
    expect(calendarProblem({ ...base, holidays: ['2026-13-01'] })).toMatch(/^holidays: '2026-13-01'/);
    expect(calendarProblem({ ...base, workdays: ['2026-9-1'] })).toMatch(/^workdays/);
    expect(
      calendarProblem({ ...base, terms: [{ name: 'x', start: '2026-09-01', end: '2026-08-01' }] }),
    ).toMatch(/ends \(2026-08-01\) before it starts/);
    expect(calendarProblem({ ...base, holidays: ['1990-01-01', '2026-01-01'] })).toMatch(/spans more/);
    // A long list is no stack overflow (a spread of it into Math.max would be): 25 years, 20 times over.
    const everyDay = Array.from({ length: 20 * 9131 }, (_, i) =>
      new Date(Date.UTC(2000, 0, 1 + (i % 9131))).toISOString().slice(0, 10),
    );
    expect(calendarProblem({ ...base, holidays: everyDay })).toBeNull();
    expect(isWorkingDay('2010-06-01', { ...base, holidays: everyDay })).toBe(false);
    expect(addSchoolDays('2026-09-28', 1, { ...base, timezone: 'Mars/Olympus' })).toBeNull();
    expect(isWorkingDay('2026-09-28', { ...base, holidays: ['nope'] })).toBeNull();
  });
});

describe('school days against a day-by-day count', () => {
  /** The definition itself, stepped one day at a time: what the tables must agree with. */
  function naiveIsSchoolDay(date: string, calendar: CalendarDefinition, kind: 'school' | 'working'): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const working =
      calendar.workdays.includes(date) || (weekday >= 1 && weekday <= 5 && !calendar.holidays.includes(date));
    if (kind === 'working' || calendar.terms.length === 0) return working;
    return working && calendar.terms.some((term) => term.start <= date && date <= term.end);
  }
  const nextDate = (date: string) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  const small: CalendarDefinition = {
    timezone: 'Asia/Shanghai',
    terms: [
      { name: 'a', start: '2026-03-02', end: '2026-03-20' },
      { name: 'b', start: '2026-04-01', end: '2026-04-10' },
    ],
    holidays: ['2026-03-04', '2026-04-06', '2026-05-01'],
    workdays: ['2026-03-08', '2026-04-11', '2026-02-22'],
  };
  const noTerms: CalendarDefinition = { ...small, terms: [] };

  it.each([
    ['school', small],
    ['school', noTerms],
    ['working', small],
  ] as const)('%s days agree for every start and n up to 30', (kind, calendar) => {
    const add = kind === 'school' ? addSchoolDays : addWorkingDays;
    const is = kind === 'school' ? isSchoolDay : isWorkingDay;
    for (let start = '2026-02-01'; start <= '2026-05-31'; start = nextDate(start)) {
      expect(is(start, calendar)).toBe(naiveIsSchoolDay(start, calendar, kind));
      for (let n = 0; n <= 30; n += 1) {
        let day = start;
        let found = n === 0 && naiveIsSchoolDay(day, calendar, kind) ? 0 : -1;
        let counted = 0;
        let steps = 0;
        while (found < 0 && steps < 400) {
          day = nextDate(day);
          steps += 1;
          if (naiveIsSchoolDay(day, calendar, kind) && (n === 0 || ++counted === n)) found = steps;
        }
        const expected = found < 0 ? null : `${day}T23:59:59+08:00`;
        const actual = add(`${start}T12:00:00+08:00`, n, calendar);
        if (actual !== expected) throw new Error(`${kind} ${start} + ${n}: ${actual} ≠ ${expected}`);
        if (actual !== null && (n > 0 || naiveIsSchoolDay(start, calendar, kind))) {
          const between = kind === 'school' ? schoolDaysBetween : workingDaysBetween;
          expect(between(start, actual, calendar)).toBe(n);
        }
      }
    }
  });
});
