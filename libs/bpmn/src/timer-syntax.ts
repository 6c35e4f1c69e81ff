import { parseCycle, parseDuration, toUtcInstant } from '../../expressions/src';
import type { TimerDefinition } from './model';
import { clip } from './text';

/**
 * Static (non-FEEL) timer values, checked at deploy time so a typo never waits silently:
 *
 * - duration: ISO 8601 `PnYnMnWnDTnHnMnS`, at least one part, only seconds fractional:
 *   'PT24H', 'P1D', 'P1DT2H', 'P2W', 'PT1.5S'.
 * - date: ISO 8601 date-time with an offset: '2025-09-01T08:00:00+08:00', '…Z'.
 * - cycle: `R<n>/<duration>` (n ≥ 1 repetitions) or `R/<duration>` (repeats until the scope
 *   ends), optionally with a first due date-time between them: `R3/2025-09-01T08:00:00Z/P1D`.
 *   The interval must be longer than zero. Cron expressions, end dates and
 *   `<start>/<end>` intervals are not accepted.
 */
export function staticTimerProblem(timer: TimerDefinition): string | null {
  const { kind, expression } = timer;
  if (kind === 'duration') {
    return parseDuration(expression) !== null
      ? null
      : `an ISO 8601 duration such as PT24H, P1D or P1DT2H, got '${clip(expression)}'`;
  }
  if (kind === 'date') {
    return toUtcInstant(expression) !== null
      ? null
      : `an ISO 8601 date-time with offset such as 2025-09-01T08:00:00+08:00, got '${clip(expression)}'`;
  }
  return parseCycle(expression) !== null
    ? null
    : `a cycle R<n>/<duration> or R/<duration> such as R3/PT1H, optionally R<n>/<start date-time>/<duration>, got '${clip(expression)}'`;
}
