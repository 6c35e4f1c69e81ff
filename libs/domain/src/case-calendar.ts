import { createHash } from 'node:crypto';
import type { CalendarDefinition, CaseCalendar } from './calendar-types';
import { nationalDays } from './national-days';

// The server entry of libs/domain for calendars (docs/calendars.md): builds the calendar a case
// computes with. It hashes with node:crypto and reads the national data, so only the api and
// the worker load it; workflow code and the web app never do (libs/dependency-graph.spec.ts).
export { NATIONAL_DAYS_LAST_YEAR, NATIONAL_DAYS_SOURCE, nationalDays } from './national-days';
export type { NationalDays } from './national-days';

/** The zone of a calendar that names none, and of the national default. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export interface CaseCalendarOptions {
  /** National days (and the unit's listed days) before this year are left out; default: last year. */
  fromYear?: number;
}

/**
 * The calendar a case computes with: the unit's own calendar (the nearest unit at or above the
 * case's unit that has one; the caller finds it) merged with the national public holidays and
 * make-up days, or the national days alone (no terms, Asia/Shanghai) when `own` is null.
 *
 * The unit's own days add to the national ones, and a unit's own list wins over the other
 * national list: a date in the unit's `workdays` is no holiday (the school works on a national
 * holiday), a date in the unit's `holidays` is no make-up working day (the school does not make
 * up that day). Days before `fromYear` are left out, keeping the workflow input small. `version`
 * is the sha-256 (hex) of the canonical JSON of everything else, so an identical refresh is
 * recognised and skipped.
 */
export function caseCalendarFrom(
  own: { unitId: string; definition: CalendarDefinition } | null,
  options: CaseCalendarOptions = {},
): CaseCalendar {
  const fromYear = options.fromYear ?? new Date().getUTCFullYear() - 1;
  const national = nationalDays(fromYear);
  const definition = own?.definition;
  const inRange = (date: string) => Number(date.slice(0, 4)) >= fromYear;
  const ownHolidays = new Set((definition?.holidays ?? []).filter(inRange));
  const ownWorkdays = new Set((definition?.workdays ?? []).filter(inRange));
  const holidays = sortedUnique([
    ...national.holidays.filter((date) => !ownWorkdays.has(date)),
    ...ownHolidays,
  ]);
  const workdays = sortedUnique([
    ...national.workdays.filter((date) => !ownHolidays.has(date)),
    ...ownWorkdays,
  ]);
  const terms = (definition?.terms ?? [])
    .filter((term) => Number(term.end.slice(0, 4)) >= fromYear)
    .map((term) => ({ name: term.name, start: term.start, end: term.end }))
    .sort((a, b) => (a.start === b.start ? compare(a.end, b.end) : compare(a.start, b.start)));
  const content = {
    timezone: definition?.timezone || DEFAULT_TIMEZONE,
    terms,
    holidays,
    workdays,
    sourceUnitId: own?.unitId ?? null,
  };
  return { ...content, version: createHash('sha256').update(canonicalJson(content)).digest('hex') };
}

/** JSON with object keys sorted at every level: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compare(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sortedUnique(dates: string[]): string[] {
  return [...new Set(dates)].sort();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
