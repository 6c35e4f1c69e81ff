import { parseCycle, parseDuration, toUtcInstant } from '../../expressions/src';
import type { TimerDefinition } from './model';
import { problem, type ProblemText } from './problem-messages';
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
export function staticTimerProblem(timer: TimerDefinition): ProblemText | null {
  const { kind, expression } = timer;
  if (kind === 'duration') {
    return parseDuration(expression) !== null ? null : problem('timer.duration', { value: clip(expression) });
  }
  if (kind === 'date') {
    return toUtcInstant(expression) !== null ? null : problem('timer.date', { value: clip(expression) });
  }
  return parseCycle(expression) !== null ? null : problem('timer.cycle', { value: clip(expression) });
}
