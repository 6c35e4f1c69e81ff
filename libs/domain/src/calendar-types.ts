/**
 * School calendars: the data shapes shared by the api (PUT/GET /api/org-units/:id/calendar), the
 * workflow (the calendar a case computes deadlines with) and FEEL's school-day functions.
 * Semantics are in calendar.ts and docs/calendars.md.
 *
 * Dates are local calendar dates `YYYY-MM-DD` in the calendar's time zone.
 */

/** A term (学期), both ends inclusive. Outside every term there is no school day. */
export interface CalendarTerm {
  name: string;
  start: string;
  end: string;
}

/** What an org unit stores as its own calendar (the body of PUT /api/org-units/:id/calendar). */
export interface CalendarDefinition {
  /** IANA time zone; Asia/Shanghai when not given. */
  timezone: string;
  /** Terms; none means every working day is a school day. */
  terms: CalendarTerm[];
  /** Days off besides weekends, in addition to the national public holidays. */
  holidays: string[];
  /** Make-up working days (调休), in addition to the national ones: a weekend day that counts. */
  workdays: string[];
}

/**
 * The calendar a case computes with: the nearest own calendar at or above the case's unit (or
 * none), with the national public holidays and make-up days merged in. Fixed in the case when
 * read into it (workflow input, or a calendar-changed signal), so replay never reads the database.
 */
export interface CaseCalendar extends CalendarDefinition {
  /** The org unit whose calendar this is; null for the national default (no unit has one). */
  sourceUnitId: string | null;
  /** A fingerprint of the content (sha-256 hex of its canonical JSON), to skip identical refreshes. */
  version: string;
}
