import type { CalendarDefinition } from '../../../../../libs/domain/src';

/**
 * The month grid of the calendars page (docs/calendars.md#editing-a-calendar): what each day is
 * for a school, from a definition being edited and the national days the api lists. The merge is
 * the one cases compute with (libs/domain case-calendar.ts): the unit's own make-up days cancel
 * national holidays, its own holidays cancel national make-up days.
 */

export type DayKind = 'school' | 'makeup' | 'weekend' | 'holiday' | 'outsideTerm';

export interface NationalDays {
  holidays: string[];
  workdays: string[];
}

/** The definition merged with the national days: what `isSchoolDay` of libs/domain reads. */
export function mergedCalendar(own: CalendarDefinition, national: NationalDays): CalendarDefinition {
  const ownHolidays = new Set(own.holidays);
  const ownWorkdays = new Set(own.workdays);
  return {
    timezone: own.timezone,
    terms: own.terms,
    holidays: [...new Set([...national.holidays.filter((d) => !ownWorkdays.has(d)), ...own.holidays])].sort(),
    workdays: [...new Set([...national.workdays.filter((d) => !ownHolidays.has(d)), ...own.workdays])].sort(),
  };
}

/** Day of the week of a `YYYY-MM-DD` date, 0 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** What the day is: a holiday first, then a weekend (unless a make-up day), then outside the terms. */
export function dayKind(date: string, merged: CalendarDefinition): DayKind {
  if (merged.holidays.includes(date)) return 'holiday';
  const weekend = [0, 6].includes(weekdayOf(date));
  const makeup = weekend && merged.workdays.includes(date);
  if (weekend && !makeup) return 'weekend';
  const terms = merged.terms.filter((term) => term.start && term.end);
  if (terms.length > 0 && !terms.some((term) => term.start <= date && date <= term.end)) return 'outsideTerm';
  return makeup ? 'makeup' : 'school';
}

export interface MonthGrid {
  /** `YYYY-MM` */
  month: string;
  /** Blank cells before the 1st, Monday first (Chinese calendars start the week on Monday). */
  leading: number;
  days: { date: string; day: number; kind: DayKind }[];
  schoolDays: number;
}

/** `count` months from `YYYY-MM` `first`. */
export function monthGrids(first: string, count: number, merged: CalendarDefinition): MonthGrid[] {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, offset) => {
    const start = new Date(Date.UTC(year, month - 1 + offset, 1));
    const label = start.toISOString().slice(0, 7);
    const length = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
    const days = Array.from({ length }, (_, i) => {
      const date = `${label}-${String(i + 1).padStart(2, '0')}`;
      return { date, day: i + 1, kind: dayKind(date, merged) };
    });
    return {
      month: label,
      leading: (weekdayOf(`${label}-01`) + 6) % 7,
      days,
      schoolDays: days.filter((d) => d.kind === 'school' || d.kind === 'makeup').length,
    };
  });
}

/** `YYYY-MM` shifted by `months`. */
export function shiftMonth(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1 + months, 1)).toISOString().slice(0, 7);
}
