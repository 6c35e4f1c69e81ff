import type { CalendarDefinition } from './calendar-types';

// The workflow-safe entry of libs/domain (docs/adr/0011, docs/calendars.md): school-day and
// working-day arithmetic on a calendar, with nothing imported but types. Workflow code and FEEL
// load this file and never index.ts's siblings that read the national data or hash
// (case-calendar.ts), so it must stay deterministic: no clock, no Node, no package.
export type { CalendarDefinition, CalendarTerm, CaseCalendar } from './calendar-types';

/**
 * What the functions read as "a day": a `YYYY-MM-DD` date (that local date in the calendar's
 * zone), a date-time with `Z` or an offset (the instant, read as a local date in the zone), a
 * date-time without offset (a wall-clock time in the zone: its date part), or a Date.
 */
export type CalendarDay = string | Date;

/**
 * A calendar spanning more than this from its first to its last listed date (term ends,
 * holidays, make-up days) is refused: it is a typing error, and the compiled tables stay small.
 */
export const MAX_CALENDAR_SPAN_YEARS = 30;
const MAX_SPAN_DAYS = Math.ceil(MAX_CALENDAR_SPAN_YEARS * 365.25);
const DAY_MS = 86_400_000;
/** 9999-12-31, the last day an ISO date-time can name. */
const LAST_DAY = Date.UTC(9999, 11, 31) / DAY_MS;

/** True when the day is Monday–Friday and not a holiday, or a listed make-up working day (调休). */
export function isWorkingDay(day: CalendarDay, calendar: CalendarDefinition): boolean | null {
  const compiled = compile(calendar);
  const local = compiled && localDayOf(day, compiled.zone);
  if (!compiled || local === null) return null;
  return countUpTo(compiled.working, local) - countUpTo(compiled.working, local - 1) === 1;
}

/** True when the day is a working day inside a term (any working day when there are no terms). */
export function isSchoolDay(day: CalendarDay, calendar: CalendarDefinition): boolean | null {
  const compiled = compile(calendar);
  const local = compiled && localDayOf(day, compiled.zone);
  if (!compiled || local === null) return null;
  return countUpTo(compiled.school, local) - countUpTo(compiled.school, local - 1) === 1;
}

/**
 * The end (23:59:59 in the calendar's zone, with its offset) of the n-th school day after the
 * day `from` falls on; for n = 0 the end of that day if it is a school day, else of the next
 * school day. Null for a bad argument (n not a non-negative integer, an unreadable day, an
 * invalid calendar) or when there is no such school day: after the last term there is none,
 * and without terms nothing past 9999-12-31.
 */
export function addSchoolDays(from: CalendarDay, n: number, calendar: CalendarDefinition): string | null {
  return addDays('school', from, n, calendar);
}

/** addSchoolDays with working days: terms do not matter. */
export function addWorkingDays(from: CalendarDay, n: number, calendar: CalendarDefinition): string | null {
  return addDays('working', from, n, calendar);
}

/**
 * How many school days d have localDate(a) < d ≤ localDate(b); negative when b is before a.
 * `schoolDaysBetween(x, addSchoolDays(x, n)) === n` for every n ≥ 1 (and for 0 when x falls on a
 * school day). Null for an unreadable day or an invalid calendar.
 */
export function schoolDaysBetween(
  a: CalendarDay,
  b: CalendarDay,
  calendar: CalendarDefinition,
): number | null {
  return between('school', a, b, calendar);
}

/** schoolDaysBetween with working days. */
export function workingDaysBetween(
  a: CalendarDay,
  b: CalendarDay,
  calendar: CalendarDefinition,
): number | null {
  return between('working', a, b, calendar);
}

/**
 * What is wrong with a calendar definition, or null: an unknown time zone, a date that is not
 * a real `YYYY-MM-DD`, a term ending before it starts, or a span over MAX_CALENDAR_SPAN_YEARS.
 * The functions above answer null for such a calendar; the api refuses it with this message.
 */
export function calendarProblem(calendar: CalendarDefinition): string | null {
  if (zoneOf(calendar.timezone) === null) return `Unknown time zone '${calendar.timezone}'`;
  const listed: number[] = [];
  for (const field of ['holidays', 'workdays'] as const) {
    for (const date of calendar[field]) {
      const day = dayOfDate(date);
      if (day === null) return `${field}: '${date}' is not a date (YYYY-MM-DD)`;
      listed.push(day);
    }
  }
  for (const term of calendar.terms) {
    const start = dayOfDate(term.start);
    const end = dayOfDate(term.end);
    if (start === null) return `terms: '${term.start}' is not a date (YYYY-MM-DD)`;
    if (end === null) return `terms: '${term.end}' is not a date (YYYY-MM-DD)`;
    if (end < start) return `terms: '${term.name}' ends (${term.end}) before it starts (${term.start})`;
    listed.push(start, end);
  }
  const { lo, hi } = spanOf(listed);
  if (hi - lo > MAX_SPAN_DAYS) {
    return `The calendar spans more than ${MAX_CALENDAR_SPAN_YEARS} years`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Day numbers: days since 1970-01-01 of a local calendar date (the date as if it were UTC).

/**
 * Counts days of one kind (school or working) up to a day, in O(1) or O(log n): inside the span
 * the calendar lists dates for, from a prefix-count table; outside it by the Monday–Friday rule
 * (`weekdaysOutside`) or as none (school days of a calendar with terms, which all lie inside).
 */
interface DayCounter {
  /** First and last day of the listed span; lo > hi for a calendar that lists nothing. */
  lo: number;
  hi: number;
  /** counts[i]: how many days of this kind in [lo, lo + i]. */
  counts: Int32Array;
  weekdaysOutside: boolean;
}

interface CompiledCalendar {
  zone: Zone;
  working: DayCounter;
  school: DayCounter;
}

/** Compiled once per calendar object; null for an invalid one. */
const compiledCalendars = new WeakMap<CalendarDefinition, CompiledCalendar | null>();

function compile(calendar: CalendarDefinition): CompiledCalendar | null {
  let compiled = compiledCalendars.get(calendar);
  if (compiled === undefined) {
    compiled = calendarProblem(calendar) === null ? build(calendar) : null;
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

function build(calendar: CalendarDefinition): CompiledCalendar {
  const days = (dates: readonly string[]) => new Set(dates.map((date) => dayOfDate(date)!));
  const holidays = days(calendar.holidays);
  const workdays = days(calendar.workdays);
  const terms = calendar.terms.map((term) => [dayOfDate(term.start)!, dayOfDate(term.end)!] as const);
  const listed = [...holidays, ...workdays, ...terms.flat()];
  const { lo, hi } = spanOf(listed);
  const size = hi - lo + 1;
  const inTerm = new Uint8Array(size);
  for (const [start, end] of terms) inTerm.fill(1, start - lo, end - lo + 1);
  const working = new Int32Array(size);
  const school = new Int32Array(size);
  let workingCount = 0;
  let schoolCount = 0;
  for (let i = 0; i < size; i += 1) {
    const day = lo + i;
    const isWorking = workdays.has(day) || (isWeekday(day) && !holidays.has(day));
    if (isWorking) workingCount += 1;
    if (isWorking && (terms.length === 0 || inTerm[i] === 1)) schoolCount += 1;
    working[i] = workingCount;
    school[i] = schoolCount;
  }
  return {
    zone: zoneOf(calendar.timezone)!,
    working: { lo, hi, counts: working, weekdaysOutside: true },
    school: { lo, hi, counts: school, weekdaysOutside: terms.length === 0 },
  };
}

/** First and last of the listed days (a loop: a spread of a long list overflows the stack); lo > hi when none. */
function spanOf(days: readonly number[]): { lo: number; hi: number } {
  if (days.length === 0) return { lo: 0, hi: -1 };
  let lo = days[0]!;
  let hi = lo;
  for (const day of days) {
    if (day < lo) lo = day;
    if (day > hi) hi = day;
  }
  return { lo, hi };
}

/** Monday = 0 … Sunday = 6; day 0 (1970-01-01) was a Thursday. */
function weekdayIndex(day: number): number {
  return mod(day + 3, 7);
}

function isWeekday(day: number): boolean {
  return weekdayIndex(day) < 5;
}

/** Monday–Friday days up to and including `day`, counted from a fixed origin (only differences matter). */
function weekdaysUpTo(day: number): number {
  const x = day + 4; // days of [origin, day] where the origin (day -3) is a Monday
  return Math.floor(x / 7) * 5 + Math.min(mod(x, 7), 5);
}

/** The first day whose weekdaysUpTo reaches `count`: the inverse of weekdaysUpTo. */
function dayOfWeekdayCount(count: number): number {
  const before = count - 1;
  return 7 * Math.floor(before / 5) + mod(before, 5) - 3;
}

/** How many days of the counter's kind up to and including `day`, from a fixed origin. */
function countUpTo(counter: DayCounter, day: number): number {
  const { lo, hi, counts, weekdaysOutside } = counter;
  const base = weekdaysOutside ? weekdaysUpTo(lo - 1) : 0;
  if (day < lo) return weekdaysOutside ? weekdaysUpTo(day) : 0;
  if (day <= hi) return base + counts[day - lo]!;
  const inside = counts.length === 0 ? 0 : counts[counts.length - 1]!;
  return base + inside + (weekdaysOutside ? weekdaysUpTo(day) - weekdaysUpTo(hi) : 0);
}

/** The first day whose countUpTo reaches `count`, or null when none does. */
function dayOfCount(counter: DayCounter, count: number): number | null {
  const { lo, hi, counts, weekdaysOutside } = counter;
  const base = weekdaysOutside ? weekdaysUpTo(lo - 1) : 0;
  if (count <= base) return weekdaysOutside ? dayOfWeekdayCount(count) : null;
  const inside = counts.length === 0 ? 0 : counts[counts.length - 1]!;
  if (count <= base + inside) {
    let low = 0;
    let high = counts.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (base + counts[middle]! >= count) high = middle;
      else low = middle + 1;
    }
    return lo + low;
  }
  if (!weekdaysOutside) return null;
  return dayOfWeekdayCount(count - base - inside + weekdaysUpTo(hi));
}

function addDays(
  kind: 'school' | 'working',
  from: CalendarDay,
  n: number,
  calendar: CalendarDefinition,
): string | null {
  if (!Number.isSafeInteger(n) || n < 0) return null;
  const compiled = compile(calendar);
  const start = compiled && localDayOf(from, compiled.zone);
  if (!compiled || start === null) return null;
  const counter = compiled[kind];
  const target = n === 0 ? countUpTo(counter, start - 1) + 1 : countUpTo(counter, start) + n;
  const day = dayOfCount(counter, target);
  return day === null || day > LAST_DAY ? null : endOfDay(day, compiled.zone);
}

function between(
  kind: 'school' | 'working',
  a: CalendarDay,
  b: CalendarDay,
  calendar: CalendarDefinition,
): number | null {
  const compiled = compile(calendar);
  if (!compiled) return null;
  const from = localDayOf(a, compiled.zone);
  const to = localDayOf(b, compiled.zone);
  if (from === null || to === null) return null;
  const counter = compiled[kind];
  return countUpTo(counter, to) - countUpTo(counter, from);
}

// ---------------------------------------------------------------------------------------------
// Reading days and time zones.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The day number of a real `YYYY-MM-DD` date (not 2026-02-30), or null. */
function dayOfDate(date: string): number | null {
  const match = DATE.exec(date);
  return match ? dayOfParts(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

function dayOfParts(year: number, month: number, dayOfMonth: number): number | null {
  if (year < 1 || month < 1 || month > 12 || dayOfMonth < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (dayOfMonth > (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!)) return null;
  // Days from civil (proleptic Gregorian), counting years from March so leap days come last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The local day (in the zone) that a day argument names, or null when it is unreadable. */
function localDayOf(value: CalendarDay, zone: Zone): number | null {
  if (value instanceof Date) {
    const millis = value.getTime();
    return Number.isNaN(millis) ? null : zone.localDay(millis);
  }
  if (typeof value !== 'string') return null;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, dayOfMonth, hour, minute, second, , offset] = match;
  const day = dayOfParts(Number(year), Number(month), Number(dayOfMonth));
  if (day === null) return null;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) {
    return null;
  }
  // A date, or a wall-clock time without offset, is already a local date in the zone.
  if (offset === undefined) return day;
  const sign = offset === 'Z' ? 0 : offset.startsWith('-') ? -1 : 1;
  const offsetMinutes =
    offset === 'Z' ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const millis =
    day * DAY_MS + ((Number(hour) * 60 + Number(minute) - offsetMinutes) * 60 + Number(second ?? 0)) * 1000;
  return zone.localDay(millis);
}

/** `YYYY-MM-DDT23:59:59±hh:mm`: the last second of a local day, with the zone's offset then. */
function endOfDay(day: number, zone: Zone): string {
  const wallClock = day * DAY_MS + DAY_MS - 1000;
  const offset = zone.offsetAt(wallClock - zone.offsetAt(wallClock));
  const date = isoDate(day);
  if (offset % 60_000 !== 0) return new Date(wallClock - offset).toISOString().replace('.000Z', 'Z');
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return `${date}T23:59:59${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

interface Zone {
  /** The zone's offset from UTC (ms) at an instant. */
  offsetAt(millis: number): number;
  /** The local day number at an instant. */
  localDay(millis: number): number;
}

const zones = new Map<string, Zone | null>();

/** An IANA zone read with Intl (built into every JavaScript runtime, the workflow sandbox too). */
function zoneOf(name: string): Zone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = typeof name === 'string' && name !== '' ? intlZone(name) : null;
    if (zones.size > 100) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}

/** Offsets change on quarter-hour boundaries at most, so one lookup serves a quarter of an hour. */
const OFFSET_BUCKET_MS = 15 * 60_000;

function intlZone(name: string): Zone | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return null;
  }
  const offsets = new Map<number, number>();
  const offsetAt = (millis: number): number => {
    const bucket = Math.floor(millis / OFFSET_BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const start = bucket * OFFSET_BUCKET_MS;
      const parts: Record<string, string> = {};
      for (const part of format.formatToParts(new Date(start))) parts[part.type] = part.value;
      const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
      const wall = new Date(0);
      wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
      wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
      offset = wall.getTime() - start;
      if (offsets.size > 4096) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
  return { offsetAt, localDay: (millis) => Math.floor((millis + offsetAt(millis)) / DAY_MS) };
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
