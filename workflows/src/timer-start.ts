import * as wf from '@temporalio/workflow';
import {
  type ProcessActivities,
  type RunProcessInput,
  type RunProcessResult,
  type TimerStartInput,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { nextCycleDue } from '../../libs/engine/src';
import { addDuration, parseCycle, toUtcInstant } from '../../libs/expressions/src';

const { prepareTimerCase } = wf.proxyActivities<ProcessActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Firings per run before continuing as new: each firing adds about a dozen history events. */
const FIRINGS_PER_RUN = 100;

type Schedule = Record<string, { dueAt: string; remaining: number | null } | null>;

/**
 * Starts a case at every firing of a definition's timer start events (dates once, cycles until
 * their count runs out). Each case is its own `runProcess` workflow, abandoned by this one, so
 * replacing the schedule (a new version deployed) never touches running cases.
 */
export async function timerStartCases(input: TimerStartInput): Promise<void> {
  const schedule: Schedule = input.resume ?? firstFirings(input, new Date().toISOString());
  for (let firings = 0; firings < FIRINGS_PER_RUN;) {
    const next = Object.entries(schedule)
      .flatMap(([startEventId, due]) => (due ? [{ startEventId, ...due }] : []))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    if (!next) return;
    const wait = Date.parse(next.dueAt) - Date.now();
    if (wait > 0) await wf.sleep(wait);
    const instanceId = wf.uuid4();
    const caseInput = await prepareTimerCase({
      definitionId: input.definitionId,
      orgUnitId: input.orgUnitId,
      instanceId,
      startEventId: next.startEventId,
    });
    await wf.startChild<(start: RunProcessInput) => Promise<RunProcessResult>>('runProcess', {
      workflowId: workflowIdForInstance(instanceId),
      args: [caseInput],
      parentClosePolicy: 'ABANDON',
    });
    schedule[next.startEventId] = following(input, next);
    firings += 1;
  }
  await wf.continueAsNew<typeof timerStartCases>({ ...input, resume: schedule });
}

function firstFirings(input: TimerStartInput, now: string): Schedule {
  const schedule: Schedule = {};
  for (const timer of input.timers) {
    if (timer.kind === 'date') {
      const dueAt = toUtcInstant(timer.expression);
      schedule[timer.startEventId] = dueAt === null ? null : { dueAt, remaining: 0 };
      continue;
    }
    const cycle = parseCycle(timer.expression);
    schedule[timer.startEventId] = cycle
      ? {
          dueAt: cycle.start ?? addDuration(now, cycle.interval),
          remaining: cycle.repetitions === null ? null : cycle.repetitions - 1,
        }
      : null;
  }
  return schedule;
}

function following(
  input: TimerStartInput,
  fired: { startEventId: string; dueAt: string; remaining: number | null },
): { dueAt: string; remaining: number | null } | null {
  const timer = input.timers.find((candidate) => candidate.startEventId === fired.startEventId);
  const cycle = timer ? parseCycle(timer.expression) : null;
  return cycle
    ? nextCycleDue(fired.dueAt, { interval: cycle.intervalText, remaining: fired.remaining })
    : null;
}
