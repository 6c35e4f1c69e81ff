import chineseDays from 'chinese-days/dist/chinese-days.json';

/**
 * China's national public holidays and make-up working days (调休), as the State Council
 * publishes them each year (docs/adr/0019): from the npm package chinese-days, pinned, whose
 * `dist/chinese-days.json` maps each date to "English name,中文名,n".
 *
 * - `holidays`: every day off of a public holiday break, the weekend days inside the break and
 *   the weekdays given off in lieu included. These are the days off.
 * - `workdays`: the weekend days worked to make up for a break (e.g. Sunday 2026-09-20). These
 *   are the make-up working days.
 * - `inLieuDays`: the weekdays given off in return for the make-up days. Each is also in
 *   `holidays` (national-days.spec.ts checks that), so it adds nothing to a calendar: read only
 *   to keep that promise tested when the package is updated.
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const data = chineseDays as ChineseDaysData;

/** Where the national days come from, for the docs and the admin page. */
export const NATIONAL_DAYS_SOURCE = 'chinese-days@1.5.7';

/** The last year the package has the State Council's notice for. */
export const NATIONAL_DAYS_LAST_YEAR = Math.max(
  ...Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))),
);

export interface NationalDays {
  /** Days off (public holidays, with the weekend and in-lieu days of each break), sorted. */
  holidays: string[];
  /** Make-up working days (调休), sorted. */
  workdays: string[];
}

/** The national days of `fromYear` and later. */
export function nationalDays(fromYear: number): NationalDays {
  const since = (dates: Record<string, string>) =>
    Object.keys(dates)
      .filter((date) => Number(date.slice(0, 4)) >= fromYear)
      .sort();
  return { holidays: since(data.holidays), workdays: since(data.workdays) };
}

/** The in-lieu days the package lists (a subset of the holidays), for the spec. */
export function nationalInLieuDays(): string[] {
  return Object.keys(data.inLieuDays).sort();
}
