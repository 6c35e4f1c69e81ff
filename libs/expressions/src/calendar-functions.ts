import { FeelDate, FeelDateTime, parseDateTime } from 'feelin';
import {
  addSchoolDays,
  addWorkingDays,
  type CalendarDay,
  type CalendarDefinition,
  isSchoolDay,
  isWorkingDay,
  schoolDaysBetween,
  workingDaysBetween,
} from '../../domain/src/calendar';

/**
 * FEEL's school-day functions (docs/calendars.md, FEEL functions): `add school days(from, n)`,
 * `school days between(a, b)`, `is school day(date)` and the same with `working`, on the case's
 * calendar. They are context functions bound per evaluation, so they win over case variables
 * of the same name the way the engine's now() does.
 */
export const CALENDAR_FUNCTION_NAMES = [
  'add school days',
  'add working days',
  'school days between',
  'working days between',
  'is school day',
  'is working day',
] as const;

/** Without a case calendar: Monday–Friday in Asia/Shanghai, no holidays, no terms. */
export const WEEKDAYS_CALENDAR: CalendarDefinition = Object.freeze({
  timezone: 'Asia/Shanghai',
  terms: [],
  holidays: [],
  workdays: [],
});

/**
 * The six functions on a calendar. A wrong argument makes a function answer null and leave a
 * message in `problems`, which turns a null result of the whole expression into a failure (an
 * incident), like feelin's own warnings.
 */
export function calendarFunctions(
  calendar: CalendarDefinition,
  problems: string[],
): Record<(typeof CALENDAR_FUNCTION_NAMES)[number], (...args: never[]) => unknown> {
  const add =
    (name: string, compute: typeof addSchoolDays) =>
    (from: unknown, n: unknown): FeelDateTime | null => {
      const day = dayArgument(name, 'from', from, problems);
      if (day === null) return null;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
        problems.push(`${name}: expected n to be a whole number of days, 0 or more, but was ${describe(n)}`);
        return null;
      }
      const end = compute(day, n, calendar);
      if (end === null) {
        problems.push(
          `${name}: the case's calendar has no such day (after its last term, or an invalid calendar)`,
        );
        return null;
      }
      return parseDateTime(end);
    };
  const between =
    (name: string, compute: typeof schoolDaysBetween) =>
    (a: unknown, b: unknown): number | null => {
      const from = dayArgument(name, 'a', a, problems);
      const to = dayArgument(name, 'b', b, problems);
      if (from === null || to === null) return null;
      return answered(name, compute(from, to, calendar), problems);
    };
  const is =
    (name: string, compute: typeof isSchoolDay) =>
    (date: unknown): boolean | null => {
      const day = dayArgument(name, 'date', date, problems);
      return day === null ? null : answered(name, compute(day, calendar), problems);
    };
  return {
    'add school days': add('add school days', addSchoolDays),
    'add working days': add('add working days', addWorkingDays),
    'school days between': between('school days between', schoolDaysBetween),
    'working days between': between('working days between', workingDaysBetween),
    'is school day': is('is school day', isSchoolDay),
    'is working day': is('is working day', isWorkingDay),
  };
}

/**
 * A FEEL date (that day in the calendar's zone), a date-time with a zone or offset (the instant),
 * or a local date-time (a wall-clock time in the calendar's zone), as the arithmetic reads it.
 */
function dayArgument(
  name: string,
  parameter: string,
  value: unknown,
  problems: string[],
): CalendarDay | null {
  if (value instanceof FeelDate) return value.iso;
  if (value instanceof FeelDateTime) {
    if (value.zone === null) return value.iso;
    try {
      return new Date(value.unwrap().toZonedDateTime(value.zone).epochMilliseconds);
    } catch {
      // An unknown zone: reported below like any other unreadable argument.
    }
  }
  problems.push(
    `${name}: expected ${parameter} to be a date or a date and time (date("…"), now()), but was ${describe(value)}`,
  );
  return null;
}

function answered<T>(name: string, value: T | null, problems: string[]): T | null {
  if (value === null) problems.push(`${name}: the case's calendar is invalid`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value instanceof FeelDate || value instanceof FeelDateTime) return value.iso;
  return typeof value === 'object' && value !== null ? 'a value of another kind' : JSON.stringify(value);
}
