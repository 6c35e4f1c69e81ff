import type { TimerDefinition } from './model';
import { renderProblem } from './problem-messages';
import { staticTimerProblem as coded } from './timer-syntax';

/** The problem as the deploy words it in English. */
function staticTimerProblem(timer: TimerDefinition): string | null {
  const found = coded(timer);
  return found && renderProblem(found, 'en');
}

describe('staticTimerProblem', () => {
  it('answers coded problems', () => {
    expect(coded({ kind: 'cycle', expression: 'R0/PT1H' })?.code).toBe('timer.cycle');
  });

  it.each(['PT24H', 'P1D', 'P1DT2H', 'P2W', 'PT1H30M', 'PT1.5S', 'P1Y2M3DT4H5M6S'])(
    'accepts the duration %s',
    (expression) => {
      expect(staticTimerProblem({ kind: 'duration', expression })).toBeNull();
    },
  );

  it.each(['24 hours', 'P', 'PT', 'P1DT', 'PT5', 'P1.5D', 'pt1h', '-PT1H', 'PT1H ', 'P1H'])(
    'rejects the duration %j',
    (expression) => {
      expect(staticTimerProblem({ kind: 'duration', expression })).toMatch(/^an ISO 8601 duration/);
    },
  );

  it.each(['2025-09-01T08:00:00+08:00', '2025-09-01T00:00:00Z', '2025-09-01T08:00Z'])(
    'accepts the date %s',
    (expression) => {
      expect(staticTimerProblem({ kind: 'date', expression })).toBeNull();
    },
  );

  it.each(['2025-09-01T08:00:00', '2025-09-01', 'next monday', '2025-13-01T08:00:00Z'])(
    'rejects the date %j (a date-time needs an offset)',
    (expression) => {
      expect(staticTimerProblem({ kind: 'date', expression })).toMatch(/^an ISO 8601 date-time with offset/);
    },
  );

  it.each(['R3/PT1H', 'R/P1D', 'R1/P2W', 'R2/2026-09-01T08:00:00Z/P1D', 'R/2026-09-01T08:00:00+08:00/PT12H'])(
    'accepts the cycle %s',
    (expression) => {
      expect(staticTimerProblem({ kind: 'cycle', expression })).toBeNull();
    },
  );

  it.each([
    'PT1H',
    'R0/PT1H',
    'R3/PT0S',
    'R3',
    'R3/',
    'R-1/PT1H',
    'R3/PT1H/2026-09-01T08:00:00Z',
    'R3/2026-09-01T08:00:00/PT1H',
    '0 0 9 * * MON-FRI',
  ])('rejects the cycle %j', (expression) => {
    expect(staticTimerProblem({ kind: 'cycle', expression })).toMatch(/^a cycle R<n>\/<duration>/);
  });

  it('quotes what it got, cut short', () => {
    expect(staticTimerProblem({ kind: 'duration', expression: 'x'.repeat(500) })).toMatch(/got 'x{80}…'$/);
  });
});
