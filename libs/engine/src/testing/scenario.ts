import type { ProcessModel } from '../../../bpmn/src/workflow';
import {
  assignTask,
  cancelInstance,
  completeChild,
  completeJob,
  completeTask,
  correlateMessage,
  failChild,
  failJob,
  fireTimer,
  refuseTask,
  resolveIncident,
  startInstance,
  throwChildError,
  throwJobError,
  triggerSignal,
} from '../engine';
import type { Command, EngineEvent, EngineFailure, EngineState, Step, Variables } from '../types';
import { testContext, type TestContext } from './process-builder';

/**
 * Drives one instance through engine steps for a test, and after every step checks what must
 * always hold:
 * - the input state was not changed (it is deep-frozen before each call, so a write throws);
 * - every task, job, timer, subscription, child case and incident in the state was opened by a
 *   command and not closed since (a ledger replays the commands), and nothing else is open;
 * - every element instance's scope, and every open thing's owner, is a live instance;
 * - a completed or cancelled instance holds nothing but its root instance.
 */
export class Scenario {
  readonly ctx: TestContext;
  readonly steps: Step[] = [];
  private current: EngineState | undefined;
  /** The state given to the engine, as JSON, to tell that it did not change it. */
  private before = '';
  private readonly ledger = {
    tasks: new Set<string>(),
    jobs: new Set<string>(),
    timers: new Set<string>(),
    subscriptions: new Set<string>(),
    children: new Set<string>(),
    incidents: new Set<string>(),
  };

  constructor(
    readonly model: ProcessModel,
    now?: string,
  ) {
    deepFreeze(model);
    this.ctx = testContext(now);
  }

  get state(): EngineState {
    if (!this.current) throw new Error('Start the instance first');
    return this.current;
  }

  // ---------------------------------------------------------------- entry points

  start(variables: Variables = {}, options: Parameters<typeof startInstance>[3] = {}): Step {
    deepFreeze(variables);
    return this.accept(startInstance(this.model, variables, this.ctx, options));
  }

  /** Completes the open task of the element (or the task with that id). */
  completeTask(elementOrTaskId: string, variables: Variables = {}, actor = 'tester'): Step {
    const taskId = this.taskId(elementOrTaskId);
    return this.accept(completeTask(this.model, this.frozen(), { taskId, variables, actor }, this.ctx));
  }

  assignTask(elementOrTaskId: string, assignee: string | null, actor = 'tester'): Step {
    const taskId = this.taskId(elementOrTaskId);
    return this.accept(assignTask(this.model, this.frozen(), { taskId, assignee, actor }, this.ctx));
  }

  /** The projection refused to open the element's task (someone off the case's line). */
  refuseTask(elementOrTaskId: string, message = 'Expected assignee to be on the line'): Step {
    const taskId = this.taskId(elementOrTaskId);
    return this.accept(refuseTask(this.model, this.frozen(), { taskId, message }, this.ctx));
  }

  completeJob(elementOrJobId: string, variables: Variables = {}): Step {
    const jobId = this.jobId(elementOrJobId);
    return this.accept(completeJob(this.model, this.frozen(), { jobId, variables }, this.ctx), () =>
      this.close('jobs', jobId),
    );
  }

  failJob(elementOrJobId: string, message = 'The handler failed'): Step {
    const jobId = this.jobId(elementOrJobId);
    return this.accept(failJob(this.model, this.frozen(), { jobId, message }, this.ctx), () =>
      this.close('jobs', jobId),
    );
  }

  throwJobError(elementOrJobId: string, errorCode: string, message = 'A business error'): Step {
    const jobId = this.jobId(elementOrJobId);
    return this.accept(
      throwJobError(this.model, this.frozen(), { jobId, errorCode, message }, this.ctx),
      () => this.close('jobs', jobId),
    );
  }

  /** Moves the clock to the timer's due time and fires it. */
  fireTimer(elementOrTimerId: string): Step {
    const timerId = this.timerId(elementOrTimerId);
    const timer = this.state.timers[timerId];
    if (timer && timer.dueAt > this.ctx.now) this.ctx.setNow(timer.dueAt);
    return this.accept(fireTimer(this.model, this.frozen(), { timerId }, this.ctx), () =>
      this.close('timers', timerId),
    );
  }

  correlate(messageName: string, correlationKey: string, variables: Variables = {}): Step {
    deepFreeze(variables);
    return this.accept(
      correlateMessage(this.model, this.frozen(), { messageName, correlationKey, variables }, this.ctx),
    );
  }

  signal(signalName: string, variables: Variables = {}, thrownBy?: string): Step {
    deepFreeze(variables);
    return this.accept(
      triggerSignal(
        this.model,
        this.frozen(),
        { signalName, variables, ...(thrownBy === undefined ? {} : { thrownBy }) },
        this.ctx,
      ),
    );
  }

  completeChild(elementOrChildId: string, variables: Variables = {}): Step {
    const childId = this.childId(elementOrChildId);
    return this.accept(completeChild(this.model, this.frozen(), { childId, variables }, this.ctx), () =>
      this.close('children', childId),
    );
  }

  /** The child case ended by an error it did not catch: thrown at its call activity. */
  throwChildError(elementOrChildId: string, errorCode: string, message = 'thrown by the child'): Step {
    const childId = this.childId(elementOrChildId);
    return this.accept(
      throwChildError(this.model, this.frozen(), { childId, errorCode, message }, this.ctx),
      () => this.close('children', childId),
    );
  }

  failChild(elementOrChildId: string, message = 'The child case failed'): Step {
    const childId = this.childId(elementOrChildId);
    return this.accept(failChild(this.model, this.frozen(), { childId, message }, this.ctx), () =>
      this.close('children', childId),
    );
  }

  /** Resolves the open incident at the element (or with that id), setting the variables first. */
  resolveIncident(elementOrIncidentId: string, variables: Variables = {}, actor = 'supervisor'): Step {
    const incidentId = this.incidentId(elementOrIncidentId);
    return this.accept(
      resolveIncident(this.model, this.frozen(), { incidentId, variables, actor }, this.ctx),
    );
  }

  cancel(reason = 'Closed by hand', actor = 'supervisor'): Step {
    return this.accept(cancelInstance(this.model, this.frozen(), { reason, actor }, this.ctx));
  }

  /** Runs an entry point that must refuse; checks the state it was given stays as it was. */
  refused(run: (model: ProcessModel, state: EngineState, ctx: TestContext) => unknown): EngineFailure {
    const result = run(this.model, this.frozen(), this.ctx) as Step | EngineFailure;
    if (JSON.stringify(this.state) !== this.before)
      throw new Error('The engine changed the state it was given');
    if (!('kind' in result)) throw new Error('Expected a refusal, but the engine took a step');
    return result;
  }

  // ---------------------------------------------------------------- lookups

  /** An event as the engine records it at the current virtual time. */
  ev(
    type: EngineEvent['type'],
    elementId?: string,
    more: Omit<Partial<EngineEvent>, 'type'> = {},
  ): EngineEvent {
    return { type, at: this.ctx.now, ...(elementId === undefined ? {} : { elementId }), ...more };
  }

  taskId(elementOrTaskId: string): string {
    return this.find('tasks', elementOrTaskId, (task) => task.elementId);
  }

  jobId(elementOrJobId: string): string {
    return this.find('jobs', elementOrJobId, (job) => job.elementId);
  }

  timerId(elementOrTimerId: string): string {
    return this.find('timers', elementOrTimerId, (timer) => timer.elementId);
  }

  childId(elementOrChildId: string): string {
    return this.find('children', elementOrChildId, (child) => child.elementId);
  }

  incidentId(elementOrIncidentId: string): string {
    return this.find('incidents', elementOrIncidentId, (incident) => incident.elementId);
  }

  /** Element ids of the live element instances (root excluded), in state order. */
  live(): string[] {
    return Object.values(this.state.instances)
      .filter((instance) => instance.id !== this.state.rootId)
      .map((instance) => instance.elementId);
  }

  // ---------------------------------------------------------------- checks

  private find<K extends 'tasks' | 'jobs' | 'timers' | 'children' | 'incidents'>(
    kind: K,
    key: string,
    elementOf: (open: EngineState[K][string]) => string,
  ): string {
    const open = this.state[kind] as Record<string, EngineState[K][string]>;
    if (Object.hasOwn(open, key)) return key;
    const matches = Object.entries(open).filter(([, value]) => elementOf(value) === key);
    if (matches.length !== 1) {
      throw new Error(`Expected one open ${kind} entry at '${key}', found ${matches.length}`);
    }
    return matches[0]?.[0] ?? '';
  }

  private frozen(): EngineState {
    this.before = JSON.stringify(this.state);
    return deepFreeze(this.state);
  }

  private accept(result: Step | EngineFailure, closedByInput?: () => void): Step {
    if (this.current && JSON.stringify(this.current) !== this.before) {
      throw new Error('The engine changed the state it was given');
    }
    if ('kind' in result) {
      throw new Error(`Expected a step, got a refusal at '${result.elementId}': ${result.message}`);
    }
    closedByInput?.();
    for (const command of result.commands) this.replay(command);
    this.current = result.state;
    this.steps.push(result);
    this.check(result.state);
    return result;
  }

  private replay(command: Command): void {
    switch (command.type) {
      case 'openUserTask':
        return this.open('tasks', command.task.taskId);
      case 'closeUserTask':
        return this.close('tasks', command.taskId);
      case 'startJob':
        return this.open('jobs', command.job.jobId);
      case 'cancelJob':
        return this.close('jobs', command.jobId);
      case 'startTimer':
        return this.open('timers', command.timer.timerId);
      case 'cancelTimer':
        return this.close('timers', command.timerId);
      case 'openSubscription':
        return this.open('subscriptions', command.subscription.subscriptionId);
      case 'closeSubscription':
        return this.close('subscriptions', command.subscriptionId);
      case 'startChild':
        return this.open('children', command.child.childId);
      case 'cancelChild':
        return this.close('children', command.childId);
      case 'raiseIncident':
        return this.open('incidents', command.incident.incidentId);
      case 'resolveIncident':
        return this.close('incidents', command.incidentId);
      case 'assignUserTask':
        if (!this.ledger.tasks.has(command.taskId))
          throw new Error(`Assigned task ${command.taskId} is not open`);
        return;
      case 'completeInstance':
      case 'throwToParent':
        return;
    }
  }

  private open(kind: keyof Scenario['ledger'], id: string): void {
    if (this.ledger[kind].has(id)) throw new Error(`Opened ${kind} ${id}, which is open already`);
    this.ledger[kind].add(id);
  }

  private close(kind: keyof Scenario['ledger'], id: string): void {
    if (!this.ledger[kind].delete(id)) throw new Error(`Closed ${kind} ${id}, which is not open`);
  }

  private check(state: EngineState): void {
    checkInvariants(state);
    for (const kind of Object.keys(this.ledger) as (keyof Scenario['ledger'])[]) {
      const inState = Object.keys(state[kind]).sort();
      const inLedger = [...this.ledger[kind]].sort();
      if (JSON.stringify(inState) !== JSON.stringify(inLedger)) {
        throw new Error(
          `Open ${kind} in the state (${inState.join(', ')}) differ from those the commands opened and did not close (${inLedger.join(', ')})`,
        );
      }
    }
  }
}

/** What holds after every step, whatever the diagram. */
export function checkInvariants(state: EngineState): void {
  const live = (id: string, what: string): void => {
    if (!Object.hasOwn(state.instances, id))
      throw new Error(`${what} belongs to instance ${id}, which is gone`);
  };
  if (!Object.hasOwn(state.instances, state.rootId)) throw new Error('The root instance is gone');
  for (const instance of Object.values(state.instances)) {
    if (instance.parentId !== null)
      live(instance.parentId, `Instance ${instance.id} (${instance.elementId})`);
  }
  for (const task of Object.values(state.tasks)) live(task.instanceId, `Task ${task.taskId}`);
  for (const job of Object.values(state.jobs)) live(job.instanceId, `Job ${job.jobId}`);
  for (const timer of Object.values(state.timers)) live(timer.ownerId, `Timer ${timer.timerId}`);
  for (const open of Object.values(state.subscriptions))
    live(open.ownerId, `Subscription ${open.subscriptionId}`);
  for (const child of Object.values(state.children)) live(child.instanceId, `Child ${child.childId}`);
  for (const incident of Object.values(state.incidents))
    live(incident.instanceId, `Incident ${incident.incidentId}`);
  if (state.status !== 'active') {
    const left = {
      instances: Object.keys(state.instances).filter((id) => id !== state.rootId),
      tasks: Object.keys(state.tasks),
      jobs: Object.keys(state.jobs),
      timers: Object.keys(state.timers),
      subscriptions: Object.keys(state.subscriptions),
      children: Object.keys(state.children),
      incidents: Object.keys(state.incidents),
    };
    if (Object.values(left).some((ids) => ids.length > 0)) {
      throw new Error(`A ${state.status} instance still holds ${JSON.stringify(left)}`);
    }
  }
  const impure = impurePath(state, 'state');
  if (impure !== null) throw new Error(`The state is not plain JSON data at ${impure}`);
}

/** The path of the first value JSON would not carry unchanged, or null. */
function impurePath(value: unknown, path: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const impure = impurePath(item, `${path}[${index}]`);
      if (impure !== null) return impure;
    }
    return null;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return path;
  for (const [key, item] of Object.entries(value)) {
    const impure = impurePath(item, `${path}.${key}`);
    if (impure !== null) return impure;
  }
  return null;
}

/** Freezes a value and everything in it, so any write to it throws (spec code runs in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}
