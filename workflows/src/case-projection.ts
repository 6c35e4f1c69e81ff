import * as wf from '@temporalio/workflow';
import {
  type BufferedMessage,
  FAILURE_TYPES,
  type InstanceDescriptor,
  type ProcessActivities,
  type ProjectionStep,
  type RefusedTask,
} from '../../libs/contracts/src';
import type { EngineState, Step } from '../../libs/engine/src';

/**
 * Projection retries forever with backoff: PostgreSQL being down must delay a case, never lose a
 * step. 30 s covers one transaction with generous margin. A step PostgreSQL refuses for good
 * (the activity says FAILURE_TYPES.projectionRejected) becomes an incident instead, retried on request.
 */
const { projectStep, raiseProjectionIncident } = wf.proxyActivities<ProcessActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: [FAILURE_TYPES.projectionRejected],
  },
});

/** What a continued run needs to go on numbering and timing steps. */
export interface ProjectionResume {
  step: number;
  /** When each live element instance was entered: activeElements[].since. */
  since: Record<string, string>;
}

/**
 * Turns engine steps into ProjectionSteps and writes them one after another, in step order.
 * `step` counts steps taken, `projected` steps written; `flushed()` waits for them to meet.
 */
export class CaseProjection {
  step: number;
  private projected: number;
  private chain: Promise<void> = Promise.resolve();
  private readonly since: Map<string, string>;
  private stuck: { incidentId: string; retried: boolean } | null = null;
  onBufferedMessage: (message: BufferedMessage) => void = () => undefined;
  /** A task the projection would not open (someone off the case's line): an incident follows. */
  onRefusedTask: (refusal: RefusedTask) => void = () => undefined;

  constructor(
    private readonly instance: InstanceDescriptor,
    resume?: ProjectionResume,
  ) {
    this.step = resume?.step ?? 0;
    this.projected = this.step;
    this.since = new Map(Object.entries(resume?.since ?? {}));
  }

  /** Queues the projection of an accepted engine step. */
  record(result: Step, at: string, actorId?: string): void {
    const { state, commands } = result;
    this.step += 1;
    const live = liveInstances(state);
    const liveIds = new Set(live.map((instance) => instance.id));
    for (const id of this.since.keys()) if (!liveIds.has(id)) this.since.delete(id);
    for (const instance of live) if (!this.since.has(instance.id)) this.since.set(instance.id, at);
    const actor = actorId ? { actorId } : {};
    const projection: ProjectionStep = {
      instance: this.instance,
      step: this.step,
      state: state.status,
      variables: state.instances[state.rootId]?.variables ?? {},
      activeElements: live.map((instance) => ({
        elementId: instance.elementId,
        since: this.since.get(instance.id) ?? at,
      })),
      events: result.events,
      openedTasks: commands.flatMap((c) => (c.type === 'openUserTask' ? [{ ...c.task, openedAt: at }] : [])),
      assignedTasks: commands.flatMap((c) =>
        c.type === 'assignUserTask' ? [{ taskId: c.taskId, assignee: c.assignee, at, ...actor }] : [],
      ),
      closedTasks: commands.flatMap((c) =>
        c.type === 'closeUserTask' ? [{ taskId: c.taskId, state: c.state, at, ...actor }] : [],
      ),
      openedSubscriptions: commands.flatMap((c) =>
        c.type === 'openSubscription' ? [{ ...c.subscription, openedAt: at }] : [],
      ),
      closedSubscriptions: commands.flatMap((c) =>
        c.type === 'closeSubscription' ? [{ subscriptionId: c.subscriptionId, state: c.state, at }] : [],
      ),
      raisedIncidents: commands.flatMap((c) =>
        c.type === 'raiseIncident' ? [{ ...c.incident, raisedAt: at }] : [],
      ),
      resolvedIncidents: commands.flatMap((c) =>
        c.type === 'resolveIncident' ? [{ incidentId: c.incidentId, at, ...actor }] : [],
      ),
      ...(state.status !== 'active' ? { endedAt: at } : {}),
    };
    this.chain = this.chain.then(() => this.write(projection));
  }

  /**
   * Resolves once every step up to `upTo` is written (default: every step recorded so far). An
   * update waits for its own step only, never for steps that follow on their own meanwhile.
   */
  async flushed(upTo = this.step): Promise<void> {
    await wf.condition(() => this.projected >= upTo);
  }

  get idle(): boolean {
    return this.projected >= this.step && this.stuck === null;
  }

  /** A refused step waits for its incident to be retried. */
  get blocked(): boolean {
    return this.stuck !== null;
  }

  hasIncident(incidentId: string): boolean {
    return this.stuck?.incidentId === incidentId;
  }

  /** Retries a refused projection; false when the incident is not the projection's. */
  retryIncident(incidentId: string): boolean {
    if (!this.stuck || this.stuck.incidentId !== incidentId) return false;
    this.stuck.retried = true;
    return true;
  }

  resumeData(): ProjectionResume {
    return { step: this.step, since: Object.fromEntries(this.since) };
  }

  private async write(projection: ProjectionStep): Promise<void> {
    let step = projection;
    for (;;) {
      try {
        const result = await projectStep(step);
        this.projected = step.step;
        for (const message of result.bufferedMessages) this.onBufferedMessage(message);
        // Results recorded before refusals existed have none.
        for (const refusal of result.refusedTasks ?? []) this.onRefusedTask(refusal);
        return;
      } catch (error) {
        if (!isRejected(error)) throw error;
        const incidentId = wf.uuid4();
        await raiseProjectionIncident({
          instance: this.instance,
          incidentId,
          step: step.step,
          message: `Expected step ${step.step} to be written: ${rejectionMessage(error)}`,
        });
        this.stuck = { incidentId, retried: false };
        await wf.condition(() => this.stuck?.retried === true);
        this.stuck = null;
        step = {
          ...step,
          resolvedIncidents: [...step.resolvedIncidents, { incidentId, at: new Date().toISOString() }],
        };
      }
    }
  }
}

/** Element instances worth showing: not the process itself, nor a multi-instance body (its inner instances show). */
function liveInstances(state: EngineState): EngineState['instances'][string][] {
  return Object.values(state.instances).filter((instance) => instance.id !== state.rootId && !instance.body);
}

function isRejected(error: unknown): boolean {
  return (
    error instanceof wf.ActivityFailure &&
    error.cause instanceof wf.ApplicationFailure &&
    error.cause.type === FAILURE_TYPES.projectionRejected
  );
}

function rejectionMessage(error: unknown): string {
  return error instanceof wf.ActivityFailure && error.cause ? error.cause.message : String(error);
}
