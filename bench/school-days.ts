import { addSchoolDays, type CaseCalendar } from '../libs/domain/src/calendar';
import { caseCalendarFrom } from '../libs/domain/src/case-calendar';
import { evaluateFeel } from '../libs/expressions/src';
import { intFromEnv } from './support/env';
import { type BenchResult, measure, ratio } from './support/report';
import { elapsedMs } from './support/stats';

/**
 * (g) What counting school days costs (docs/calendars.md): addSchoolDays on a three-year school
 * calendar (two terms a year, the national days merged) against plain Monday–Friday stepping
 * with no calendar, on the same start instants and day counts; compiling a calendar the first
 * time it is used; and one FEEL evaluation of `add school days(now(), 3)` against
 * `now() + duration("P3D")`. In process, no server.
 */
export async function schoolDays(): Promise<BenchResult> {
  const began = performance.now();
  const calls = intFromEnv('BENCH_SCHOOL_DAYS_CALLS', 200_000);
  const feelCalls = intFromEnv('BENCH_SCHOOL_DAYS_FEEL_CALLS', 20_000);
  const calendar = threeYearCalendar();

  // Start instants spread over the three years, each hour of the day; n from 1 to 20.
  const starts = Array.from({ length: 1024 }, (_, i) =>
    new Date(Date.UTC(2025, 8, 1) + ((i * 7919) % (3 * 365 * 24)) * 3_600_000).toISOString(),
  );
  const countOf = (i: number) => 1 + (i % 20);

  const timed = (run: (from: string, n: number) => string | null, count: number): number => {
    let sink = 0;
    for (let i = 0; i < Math.min(count, 20_000); i += 1)
      sink += run(starts[i & 1023]!, countOf(i))?.length ?? 0;
    const start = performance.now();
    for (let i = 0; i < count; i += 1) sink += run(starts[i & 1023]!, countOf(i))?.length ?? 0;
    const micros = (elapsedMs(start) * 1000) / count;
    if (sink === 0) throw new Error('nothing was computed');
    return micros;
  };
  // Alternate the two sides twice (ABBA) and keep each side's better half.
  const withCalendar: number[] = [];
  const baseline: number[] = [];
  for (const side of ['calendar', 'baseline', 'baseline', 'calendar'] as const) {
    if (side === 'calendar') withCalendar.push(timed((from, n) => addSchoolDays(from, n, calendar), calls));
    else baseline.push(timed(weekdaysOnly, calls));
  }
  const calendarMicros = Math.min(...withCalendar);
  const baselineMicros = Math.min(...baseline);

  // The first call on a calendar object compiles it (its tables); later calls reuse them.
  for (let i = 0; i < 500; i += 1) addSchoolDays(starts[0]!, 3, structuredClone(calendar));
  const copies = Array.from({ length: 2000 }, () => structuredClone(calendar));
  const compileStart = performance.now();
  for (const copy of copies) addSchoolDays(starts[0]!, 3, copy);
  const compileMicros = (elapsedMs(compileStart) * 1000) / copies.length;

  const now = '2026-09-25T10:30:00.000Z';
  const feel = (expression: string, options: { now: string; calendar?: CaseCalendar }): number => {
    const expected = evaluateFeel(expression, {}, options);
    if (!expected.ok) throw new Error(expected.message);
    for (let i = 0; i < 1000; i += 1) evaluateFeel(expression, {}, options);
    const start = performance.now();
    for (let i = 0; i < feelCalls; i += 1) evaluateFeel(expression, {}, options);
    return (elapsedMs(start) * 1000) / feelCalls;
  };
  const feelSchoolDays = feel('=add school days(now(), 3)', { now, calendar });
  const feelDuration = feel('=now() + duration("P3D")', { now });

  return {
    id: 'school-days',
    title: '(g) School days: addSchoolDays and its FEEL function',
    parameters: {
      calls,
      feelCalls,
      terms: calendar.terms.length,
      holidays: calendar.holidays.length,
      workdays: calendar.workdays.length,
    },
    figures: [
      measure('addSchoolDays, 3-year calendar', calendarMicros, 'µs/call'),
      measure('Monday–Friday stepping, no calendar', baselineMicros, 'µs/call'),
      measure('first call on a new calendar (checks and compiles it)', compileMicros, 'µs/call'),
      measure('FEEL add school days(now(), 3)', feelSchoolDays, 'µs/call'),
      measure('FEEL now() + duration("P3D")', feelDuration, 'µs/call'),
    ],
    ratios: [
      ratio('addSchoolDays / Monday–Friday stepping', calendarMicros, baselineMicros),
      ratio('FEEL add school days / now() + duration', feelSchoolDays, feelDuration),
    ],
    notes: [
      'Both sides of the first ratio take the same 1,024 start instants (2025-09 to 2028-08, every hour of the day) and n from 1 to 20, and return the ISO end of the day; the figure is the better of two alternating passes.',
      'The calendar: caseCalendarFrom with the national days from 2025 and six terms (two a year, 2025–2028); compiled once per calendar object (a WeakMap), which the "first call" figure includes.',
      'The FEEL figures are evaluateFeel end to end (parse, context, evaluation, plain value), with the engine clock.',
    ],
    seconds: elapsedMs(began) / 1000,
  };
}

function threeYearCalendar(): CaseCalendar {
  const terms = [2025, 2026, 2027].flatMap((year) => [
    { name: `${year} 秋`, start: `${year}-09-01`, end: `${year + 1}-01-20` },
    { name: `${year + 1} 春`, start: `${year + 1}-02-24`, end: `${year + 1}-07-05` },
  ]);
  return caseCalendarFrom(
    {
      unitId: 'bench-school',
      definition: { timezone: 'Asia/Shanghai', terms, holidays: ['2026-11-11', '2027-11-11'], workdays: [] },
    },
    { fromYear: 2025 },
  );
}

/**
 * The yardstick: the end of the n-th Monday–Friday after the day an instant falls on in
 * Shanghai (UTC+8, no summer time), stepped one day at a time. What a calendar-free deadline costs.
 */
function weekdaysOnly(from: string, n: number): string {
  const shanghai = 8 * 3_600_000;
  let day = Math.floor((Date.parse(from) + shanghai) / 86_400_000);
  for (let left = n; left > 0;) {
    day += 1;
    const weekday = (day + 4) % 7; // 0 = Sunday; day 0 was a Thursday
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return `${new Date(day * 86_400_000).toISOString().slice(0, 10)}T23:59:59+08:00`;
}
