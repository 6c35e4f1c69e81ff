import { toUtcInstant } from './date-time';

/**
 * ISO 8601 durations, dates and repeating intervals as BPMN timers use them (Zeebe's timer
 * syntax): 'PT24H', 'P1DT2H', 'P2W'; '2025-09-01T08:00:00+08:00'; 'R3/PT1H', 'R/P1D',
 * 'R5/2025-09-01T08:00:00Z/P1D'. Pure and clock-free: callers pass the current instant.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** A duration, or null when the text is not an ISO 8601 duration (negative ones included). */
export function parseDuration(text: string): Duration | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const [, years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = match.map(
    (part) => Number(part ?? 0),
  );
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** The instant `duration` after `instant` (UTC calendar arithmetic for years and months). */
export function addDuration(instant: string, duration: Duration): string {
  const date = new Date(instant);
  date.setUTCFullYear(date.getUTCFullYear() + duration.years, date.getUTCMonth() + duration.months);
  const millis =
    ((((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 +
      duration.seconds) *
    1000;
  return new Date(date.getTime() + millis).toISOString();
}

/** True for a duration of zero length ('PT0S'): a cycle with it would fire without end. */
function isZeroDuration(duration: Duration): boolean {
  return Object.values(duration).every((part) => part === 0);
}

export interface Cycle {
  /** How many times it fires; null for 'R/…' (without end). */
  repetitions: number | null;
  /** The first firing when the cycle names one ('R3/<start>/<interval>'); else one interval from now. */
  start?: string;
  interval: Duration;
  /** The interval as written, carried in state to schedule the next firing. */
  intervalText: string;
}

const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?([^/]+)$/;

/** A repeating interval, or null when the text is not one (zero repetitions or a zero interval are refused). */
export function parseCycle(text: string): Cycle | null {
  const match = CYCLE.exec(text);
  if (!match) return null;
  const [, count = '', startText, intervalText = ''] = match;
  if (count !== '' && Number(count) < 1) return null;
  const interval = parseDuration(intervalText);
  if (!interval || isZeroDuration(interval)) return null;
  const start = startText === undefined ? undefined : toUtcInstant(startText);
  if (start === null) return null;
  return {
    repetitions: count === '' ? null : Number(count),
    ...(start === undefined ? {} : { start }),
    interval,
    intervalText,
  };
}
