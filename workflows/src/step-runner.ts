import * as wf from '@temporalio/workflow';
import {
  type ProcessActivities,
  type RunProcessInput,
  type RunProcessResult,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import type {
  CaseCalendar,
  ChildSpec,
  EngineContext,
  EngineFailure,
  EngineState,
  JobSpec,
  Step,
  Variables,
} from '../../libs/engine/src';
import type { CaseProjection } from './case-projection';

export type JobOutcome =
  | { kind: 'completed'; variables: Variables }
  | { kind: 'bpmnError'; errorCode: string; message: string }
  | { kind: 'failed'; message: string };

export type ChildOutcome =
  | { kind: 'completed'; variables: Variables }
  | { kind: 'error'; errorCode: string; message: string }
  | { kind: 'failed'; message: string };

export function isEngineFailure<T extends object>(result: T | EngineFailure): result is EngineFailure {
  return 'kind' in result && result.kind === 'failure';
}

/** Creating a child case's row retries like a projection; an unknown called process does not. */
const { prepareChild } = wf.proxyActivities<ProcessActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Holds the engine state between steps and carries out the commands of each step: service
 * activities and child cases run here, timers are read from the state by the main loop.
 */
export class StepRunner {
  state!: EngineState;
  /** Changes with every accepted step, so the main loop re-reads timers. */
  wakeCount = 0;
  private readonly jobs = new Map<string, wf.CancellationScope>();
  private readonly children = new Map<string, wf.CancellationScope>();
  onJobDone: (jobId: string, outcome: JobOutcome) => void = () => undefined;
  onChildDone: (childId: string, outcome: ChildOutcome) => void = () => undefined;
  /** The error this case hands to its calling case, once it ended by one. */
  private thrownToParent: { errorCode: string; message: string } | null = null;
  /**
   * The calendar school days are counted with: the one fixed at the start, until a
   * calendar-changed signal replaces it. Each step reads it when it runs, so a deadline keeps
   * the calendar it was computed with.
   */
  calendar: CaseCalendar | undefined;

  constructor(
    private readonly input: RunProcessInput,
    private readonly projection: CaseProjection,
  ) {
    this.calendar = input.calendar;
  }

  context(): EngineContext {
    const ctx: EngineContext = { now: new Date().toISOString(), newId: () => wf.uuid4() };
    if (this.calendar !== undefined) ctx.calendar = this.calendar;
    return ctx;
  }

  /** A calendar-changed signal: taken unless it is the calendar the case already has. */
  changeCalendar(calendar: CaseCalendar): void {
    if (typeof calendar?.version !== 'string' || calendar.version === this.calendar?.version) return;
    this.calendar = calendar;
  }

  /** A continued run: no activity or child case was in flight (see mayContinueAsNew). */
  resume(state: EngineState): void {
    this.state = state;
  }

  /** Runs one engine call against the current state; accepts the step, or returns the refusal. */
  apply<T extends Step>(run: (ctx: EngineContext) => T | EngineFailure, actorId?: string): T | EngineFailure {
    const ctx = this.context();
    const result = run(ctx);
    if (!isEngineFailure(result)) this.accept(result, ctx.now, actorId);
    return result;
  }

  accept(step: Step, at: string, actorId?: string): void {
    this.state = step.state;
    this.projection.record(step, at, actorId);
    for (const command of step.commands) {
      switch (command.type) {
        case 'startJob':
          this.startJob(command.job);
          break;
        case 'cancelJob':
          this.jobs.get(command.jobId)?.cancel();
          break;
        case 'startChild':
          this.startChild(command.child);
          break;
        case 'cancelChild':
          this.children.get(command.childId)?.cancel();
          break;
        case 'throwToParent':
          this.thrownToParent = { errorCode: command.errorCode, message: command.message };
          break;
        default:
          break;
      }
    }
    this.wakeCount += 1;
  }

  nextTimerDue(): string | null {
    let next: string | null = null;
    for (const timer of Object.values(this.state.timers))
      if (next === null || timer.dueAt < next) next = timer.dueAt;
    return next;
  }

  /** Fires every timer that is due, earliest first (a fired cycle may be due again at once). */
  fireDueTimers(fire: (timerId: string, ctx: EngineContext) => Step | EngineFailure): void {
    for (;;) {
      const now = new Date().toISOString();
      const due = Object.values(this.state.timers)
        .filter((timer) => timer.dueAt <= now)
        .sort((a, b) =>
          a.dueAt === b.dueAt ? a.timerId.localeCompare(b.timerId) : a.dueAt.localeCompare(b.dueAt),
        );
      const [first] = due;
      if (!first || this.state.status !== 'active') return;
      this.apply((ctx) => fire(first.timerId, ctx));
    }
  }

  /**
   * Continue-as-new drops whatever is in flight, so only without a running job or child case
   * (the projection and Update handlers are drained by the caller).
   */
  mayContinueAsNew(): boolean {
    return this.jobs.size === 0 && this.children.size === 0;
  }

  outcome(steps: number): RunProcessResult {
    return {
      state: this.state.status === 'cancelled' ? 'cancelled' : 'completed',
      steps,
      variables: this.state.instances[this.state.rootId]?.variables ?? {},
      ...(this.thrownToParent ? { error: this.thrownToParent } : {}),
    };
  }

  /** A service task: the registered handler runs as an activity with the element's retries. */
  private startJob(job: JobSpec): void {
    const { runJob } = wf.proxyActivities<ProcessActivities>({
      startToCloseTimeout: '2 minutes',
      retry: {
        maximumAttempts: Math.max(1, job.retries),
        initialInterval: '1 second',
        maximumInterval: '30 seconds',
        backoffCoefficient: 2,
      },
    });
    const scope = new wf.CancellationScope();
    this.jobs.set(job.jobId, scope);
    scope
      .run(() => runJob({ instance: this.input.instance, job }))
      .then(
        (result): JobOutcome =>
          'bpmnError' in result
            ? { kind: 'bpmnError', ...result.bpmnError }
            : { kind: 'completed', variables: result.variables },
        (error: unknown): JobOutcome | null =>
          wf.isCancellation(error) ? null : { kind: 'failed', message: failureMessage(error) },
      )
      .then((outcome) => {
        this.jobs.delete(job.jobId);
        if (outcome) this.onJobDone(job.jobId, outcome);
      })
      .catch(() => undefined);
  }

  /** A call activity: the child case gets its own row and workflow, at the parent's org unit. */
  private startChild(child: ChildSpec): void {
    const scope = new wf.CancellationScope();
    this.children.set(child.childId, scope);
    scope
      .run(async () => {
        const childInput = await prepareChild({
          parent: this.input.instance,
          childId: child.childId,
          processId: child.processId,
        });
        // A child case runs at its parent's unit: without a calendar of its own it takes the
        // parent's current one.
        const calendar = childInput.calendar ?? this.calendar;
        return wf.executeChild<(input: RunProcessInput) => Promise<RunProcessResult>>('runProcess', {
          workflowId: workflowIdForInstance(child.childId),
          args: [
            {
              ...childInput,
              variables: child.variables,
              parentCatches: child.catches,
              ...(calendar === undefined ? {} : { calendar }),
            },
          ],
        });
      })
      .then(
        (result): ChildOutcome => {
          if (result.error) return { kind: 'error', ...result.error };
          return result.state === 'completed'
            ? { kind: 'completed', variables: result.variables }
            : { kind: 'failed', message: `The called case ${child.childId} was cancelled` };
        },
        (error: unknown): ChildOutcome | null =>
          wf.isCancellation(error) ? null : { kind: 'failed', message: failureMessage(error) },
      )
      .then((outcome) => {
        this.children.delete(child.childId);
        if (outcome) this.onChildDone(child.childId, outcome);
      })
      .catch(() => undefined);
  }
}

/** The innermost message of an activity or child failure: what went wrong, for the incident. */
function failureMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && 'cause' in current && current.cause instanceof Error)
    current = current.cause;
  return current instanceof Error ? current.message : String(error);
}
