import type { ProcessModel } from '../../bpmn/src/workflow';
import { Runtime } from './runtime';
import type {
  EngineContext,
  EngineFailure,
  EngineState,
  ErrorCatchers,
  Step,
  TaskCompletion,
  Variables,
} from './types';

export { MAX_ACTIVATIONS_PER_STEP } from './runtime';

/**
 * The engine's entry points: one per thing that can happen to a case. Each takes the state,
 * returns the next state with the commands and audit events of the step, and never changes
 * its input. A request that does not fit the state (a task that is not open) is refused with
 * an EngineFailure and no change; a failure while running the diagram becomes an incident.
 */

/** Starts an instance at the none start event, or at the given message or timer start event. */
export function startInstance(
  model: ProcessModel,
  variables: Variables,
  ctx: EngineContext,
  options: { startEventId?: string; parentCatches?: ErrorCatchers } = {},
): Step | EngineFailure {
  const startEventId = options.startEventId ?? model.startEventIds[0];
  // Only the process's own start events start it: not an event sub-process's, nor any other element.
  const startsProcess = [...model.startEventIds, ...model.triggeredStartEventIds];
  if (startEventId === undefined || !startsProcess.includes(startEventId)) {
    return refuse(model.id, `Expected a start event to start the instance at, found '${startEventId ?? ''}'`);
  }
  const rootId = ctx.newId();
  const state: EngineState = {
    processId: model.id,
    ...(options.parentCatches ? { parentCatches: options.parentCatches } : {}),
    status: 'active',
    rootId,
    instances: {
      [rootId]: {
        id: rootId,
        elementId: model.id,
        parentId: null,
        state: 'scope',
        variables: { ...variables },
      },
    },
    tasks: {},
    jobs: {},
    timers: {},
    subscriptions: {},
    children: {},
    incidents: {},
  };
  const runtime = new Runtime(model, state, ctx);
  runtime.log.event({ type: 'instance.started' });
  const root = state.instances[rootId];
  if (root) runtime.subscriptions.openEventSubProcessTriggers(root);
  runtime.tokens.enqueue({ elementId: startEventId, scopeId: rootId });
  runtime.run();
  return runtime.result();
}

/**
 * Completes an open user task: its variables are the task's result (output mappings apply,
 * else they propagate to the nearest scope that has them, else the process), and its token
 * moves on.
 */
export function completeTask(
  model: ProcessModel,
  state: EngineState,
  completion: TaskCompletion,
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const task = runtime.state.tasks[completion.taskId];
    const instance = task && runtime.instance(task.instanceId);
    if (!task || !instance) return refuse('', `Expected an open task with id '${completion.taskId}'`);
    delete runtime.state.tasks[task.taskId];
    runtime.log.command({
      type: 'closeUserTask',
      taskId: task.taskId,
      state: 'completed',
      actor: completion.actor,
    });
    runtime.log.event({
      type: 'task.completed',
      elementId: task.elementId,
      actor: completion.actor,
      // The projection keeps only the field keys and a hash of the values (audit-digests.ts).
      // Completing an unclaimed task claims it for the completer in this same step (the api
      // lets only a candidate do so): the task row takes the completer as its assignee.
      data: {
        taskId: task.taskId,
        submitted: completion.variables,
        ...(task.assignee === undefined ? { claimedOnCompletion: true } : {}),
      },
    });
    runtime.transitions.completeWork(instance, completion.variables);
    return null;
  });
}

/** Claims, reassigns (assignee a username) or unassigns (null) an open task. */
export function assignTask(
  model: ProcessModel,
  state: EngineState,
  request: { taskId: string; assignee: string | null; actor: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const task = runtime.state.tasks[request.taskId];
    if (!task) return refuse('', `Expected an open task with id '${request.taskId}'`);
    const { assignee: _previous, ...rest } = task;
    runtime.state.tasks[task.taskId] =
      request.assignee === null ? rest : { ...rest, assignee: request.assignee };
    runtime.log.command({
      type: 'assignUserTask',
      taskId: task.taskId,
      assignee: request.assignee,
      actor: request.actor,
    });
    runtime.log.event({
      type: 'task.assigned',
      elementId: task.elementId,
      actor: request.actor,
      data: { taskId: task.taskId, assignee: request.assignee, previousAssignee: task.assignee ?? null },
    });
    return null;
  });
}

/**
 * The projection refused to open a task (its assignee or candidate users are not allowed for
 * this case): the task is withdrawn and its element gets an incident. Retrying the incident opens
 * the task again, its assignment evaluated anew with the variables the retry set; its boundary
 * events stay open meanwhile.
 */
export function refuseTask(
  model: ProcessModel,
  state: EngineState,
  refusal: { taskId: string; message: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const task = runtime.state.tasks[refusal.taskId];
    const instance = task && runtime.instance(task.instanceId);
    if (!task || !instance) return refuse('', `Expected an open task with id '${refusal.taskId}'`);
    delete runtime.state.tasks[task.taskId];
    runtime.log.command({ type: 'closeUserTask', taskId: task.taskId, state: 'cancelled' });
    runtime.incidents.raise(instance, refusal.message, 'job');
    return null;
  });
}

/** A service task's handler finished: its result variables complete the element. */
export function completeJob(
  model: ProcessModel,
  state: EngineState,
  result: { jobId: string; variables: Variables },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const job = runtime.state.jobs[result.jobId];
    const instance = job && runtime.instance(job.instanceId);
    if (!job || !instance) return refuse('', `Expected a running job with id '${result.jobId}'`);
    delete runtime.state.jobs[job.jobId];
    runtime.log.event({ type: 'job.completed', elementId: job.elementId, data: { jobId: job.jobId } });
    runtime.transitions.completeWork(instance, result.variables);
    return null;
  });
}

/** A job failed past its retries: an incident at its element; retrying it runs the job again. */
export function failJob(
  model: ProcessModel,
  state: EngineState,
  failure: { jobId: string; message: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const job = runtime.state.jobs[failure.jobId];
    const instance = job && runtime.instance(job.instanceId);
    if (!job || !instance) return refuse('', `Expected a running job with id '${failure.jobId}'`);
    delete runtime.state.jobs[job.jobId];
    runtime.incidents.raise(instance, failure.message, 'job');
    return null;
  });
}

/** A job's handler threw a BPMN error: it goes to the nearest catcher (a boundary on the task first). */
export function throwJobError(
  model: ProcessModel,
  state: EngineState,
  thrown: { jobId: string; errorCode: string; message: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const job = runtime.state.jobs[thrown.jobId];
    const instance = job && runtime.instance(job.instanceId);
    if (!job || !instance) return refuse('', `Expected a running job with id '${thrown.jobId}'`);
    delete runtime.state.jobs[job.jobId];
    runtime.log.event({
      type: 'error.thrown',
      elementId: job.elementId,
      data: { code: thrown.errorCode, message: thrown.message },
    });
    if (runtime.publication.throw('error', thrown.errorCode, instance.id) === 'uncaught') {
      runtime.publication.uncaughtError(instance, thrown.errorCode, thrown.message, 'job');
    }
    return null;
  });
}

/**
 * A called case ended by an error it did not catch itself: thrown at the call activity, where
 * its boundary (or a scope around it) catches it, or on to this case's own caller.
 */
export function throwChildError(
  model: ProcessModel,
  state: EngineState,
  thrown: { childId: string; errorCode: string; message: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const child = runtime.state.children[thrown.childId];
    const instance = child && runtime.instance(child.instanceId);
    if (!child || !instance) return refuse('', `Expected a running child case '${thrown.childId}'`);
    delete runtime.state.children[child.childId];
    runtime.log.event({
      type: 'error.thrown',
      elementId: child.elementId,
      data: { code: thrown.errorCode, message: thrown.message, childId: child.childId },
    });
    if (runtime.publication.throw('error', thrown.errorCode, instance.id) === 'uncaught') {
      runtime.publication.uncaughtError(instance, thrown.errorCode, thrown.message, 'job');
    }
    return null;
  });
}

/** A timer is due. */
export function fireTimer(
  model: ProcessModel,
  state: EngineState,
  fired: { timerId: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const timer = runtime.state.timers[fired.timerId];
    if (!timer) return refuse('', `Expected an open timer with id '${fired.timerId}'`);
    // Closed as it fires; a repeating one that fires again is rescheduled by its trigger.
    delete runtime.state.timers[timer.timerId];
    runtime.log.event({
      type: 'timer.fired',
      elementId: timer.elementId,
      data: { timerId: timer.timerId, dueAt: timer.dueAt },
    });
    runtime.subscriptions.trigger(timer.ownerId, timer.elementId, { variables: {}, timer });
    return null;
  });
}

/**
 * Delivers a message to the first open subscription (oldest first) with its name and
 * correlation key. Subscriptions of non-interrupting boundary and event sub-process starts stay
 * open for the next message; the others close.
 */
export function correlateMessage(
  model: ProcessModel,
  state: EngineState,
  message: { messageName: string; correlationKey: string; variables: Variables; actor?: string },
  ctx: EngineContext,
): (Step & { subscriptionId: string }) | EngineFailure {
  let subscriptionId = '';
  const result = step(model, state, ctx, (runtime) => {
    const subscription = Object.values(runtime.state.subscriptions).find(
      (open) => open.messageName === message.messageName && open.correlationKey === message.correlationKey,
    );
    if (!subscription) {
      return refuse(
        '',
        `Expected an open subscription for message '${message.messageName}' with that correlation key`,
      );
    }
    subscriptionId = subscription.subscriptionId;
    const event = runtime.element(subscription.elementId);
    const staysOpen =
      (event.type === 'boundaryEvent' && !event.cancelActivity) ||
      (event.type === 'startEvent' && !event.interrupting);
    if (!staysOpen) {
      delete runtime.state.subscriptions[subscription.subscriptionId];
      runtime.log.command({
        type: 'closeSubscription',
        subscriptionId: subscription.subscriptionId,
        state: 'correlated',
      });
    }
    runtime.log.event({
      type: 'message.correlated',
      elementId: subscription.elementId,
      ...(message.actor === undefined ? {} : { actor: message.actor }),
      data: { messageName: message.messageName, subscriptionId: subscription.subscriptionId },
    });
    runtime.subscriptions.trigger(subscription.ownerId, subscription.elementId, {
      variables: message.variables,
    });
    return null;
  });
  return 'kind' in result ? result : { ...result, subscriptionId };
}

/**
 * A broadcast signal reached this case (docs/signals.md): every subscription open for its name
 * when it arrives is triggered, oldest first, each with the signal's variables (Zeebe's
 * broadcast: no correlation key). One that an earlier trigger of the same signal closed (its
 * activity was interrupted) is skipped; subscriptions opened by this step wait for the next
 * signal. Subscriptions of non-interrupting boundary and event sub-process starts stay open.
 */
export function triggerSignal(
  model: ProcessModel,
  state: EngineState,
  signal: { signalName: string; variables: Variables; actor?: string; thrownBy?: string },
  ctx: EngineContext,
): (Step & { subscriptionIds: string[] }) | EngineFailure {
  const subscriptionIds: string[] = [];
  const result = step(model, state, ctx, (runtime) => {
    const waiting = Object.values(runtime.state.subscriptions).filter(
      (open) => open.kind === 'signal' && open.signalName === signal.signalName,
    );
    if (waiting.length === 0) {
      return refuse('', `Expected an open subscription for signal '${signal.signalName}'`);
    }
    for (const subscription of waiting) {
      if (!Object.hasOwn(runtime.state.subscriptions, subscription.subscriptionId)) continue;
      subscriptionIds.push(subscription.subscriptionId);
      const event = runtime.element(subscription.elementId);
      const staysOpen =
        (event.type === 'boundaryEvent' && !event.cancelActivity) ||
        (event.type === 'startEvent' && !event.interrupting);
      if (!staysOpen) {
        delete runtime.state.subscriptions[subscription.subscriptionId];
        runtime.log.command({
          type: 'closeSubscription',
          subscriptionId: subscription.subscriptionId,
          state: 'correlated',
        });
      }
      runtime.log.event({
        type: 'signal.received',
        elementId: subscription.elementId,
        ...(signal.actor === undefined ? {} : { actor: signal.actor }),
        data: {
          signalName: signal.signalName,
          subscriptionId: subscription.subscriptionId,
          ...(signal.thrownBy === undefined ? {} : { thrownBy: signal.thrownBy }),
        },
      });
      runtime.subscriptions.trigger(subscription.ownerId, subscription.elementId, {
        variables: signal.variables,
      });
    }
    return null;
  });
  return 'kind' in result ? result : { ...result, subscriptionIds };
}

/**
 * A called case completed: its variables come back (all of them, unless
 * propagateAllChildVariables is false: then only through output mappings).
 */
export function completeChild(
  model: ProcessModel,
  state: EngineState,
  done: { childId: string; variables: Variables },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const child = runtime.state.children[done.childId];
    const instance = child && runtime.instance(child.instanceId);
    if (!child || !instance) return refuse('', `Expected a running child case '${done.childId}'`);
    delete runtime.state.children[child.childId];
    // The call activity's handler decides how the child's variables come back.
    runtime.transitions.completeWork(instance, done.variables);
    return null;
  });
}

/** A called case could not start or failed: an incident at the call activity; retrying starts it again. */
export function failChild(
  model: ProcessModel,
  state: EngineState,
  failed: { childId: string; message: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const child = runtime.state.children[failed.childId];
    const instance = child && runtime.instance(child.instanceId);
    if (!child || !instance) return refuse('', `Expected a running child case '${failed.childId}'`);
    delete runtime.state.children[child.childId];
    runtime.incidents.raise(instance, failed.message, 'job');
    return null;
  });
}

/**
 * Resolves an incident after setting the given variables (how a supervisor fixes a bad value),
 * then retries what failed.
 */
export function resolveIncident(
  model: ProcessModel,
  state: EngineState,
  request: { incidentId: string; variables: Variables; actor: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    const incident = runtime.state.incidents[request.incidentId];
    const instance = incident && runtime.instance(incident.instanceId);
    if (!incident || !instance)
      return refuse('', `Expected an open incident with id '${request.incidentId}'`);
    delete runtime.state.incidents[incident.incidentId];
    // What each variable held before, as the element saw it: the projection keeps only hashes
    // of the old and new values (audit-digests.ts).
    const before = runtime.variables.visible(instance.id);
    const changes = Object.entries(request.variables).map(([name, value]) => ({
      name,
      ...(Object.hasOwn(before, name) ? { before: before[name] } : {}),
      after: value,
    }));
    runtime.variables.set(instance, request.variables);
    runtime.log.command({ type: 'resolveIncident', incidentId: incident.incidentId });
    runtime.log.event({
      type: 'incident.resolved',
      elementId: incident.elementId,
      actor: request.actor,
      data: { incidentId: incident.incidentId, variables: Object.keys(request.variables), changes },
    });
    runtime.incidents.retry(instance, incident);
    return null;
  });
}

/** Cancels the case: every open task, job, timer, subscription and child case is closed. */
export function cancelInstance(
  model: ProcessModel,
  state: EngineState,
  request: { reason: string; actor: string },
  ctx: EngineContext,
): Step | EngineFailure {
  return step(model, state, ctx, (runtime) => {
    runtime.transitions.terminateChildren(runtime.state.rootId);
    runtime.subscriptions.close(runtime.state.rootId);
    for (const incident of Object.values(runtime.state.incidents)) {
      delete runtime.state.incidents[incident.incidentId];
      runtime.log.command({ type: 'resolveIncident', incidentId: incident.incidentId });
      runtime.log.event({
        type: 'incident.resolved',
        elementId: incident.elementId,
        actor: request.actor,
        data: { incidentId: incident.incidentId, reason: 'cancelled' },
      });
    }
    runtime.state.status = 'cancelled';
    runtime.log.event({ type: 'instance.cancelled', actor: request.actor, data: { reason: request.reason } });
    return null;
  });
}

/** Runs one step on a copy of the state; `act` returns a refusal, or null when it acted. */
function step(
  model: ProcessModel,
  state: EngineState,
  ctx: EngineContext,
  act: (runtime: Runtime) => EngineFailure | null,
): Step | EngineFailure {
  if (state.status !== 'active') return refuse('', `Expected an active instance, but it is ${state.status}`);
  const runtime = new Runtime(model, structuredCopy(state), ctx);
  const refused = act(runtime);
  if (refused) return refused;
  runtime.run();
  return runtime.result();
}

function refuse(elementId: string, message: string): EngineFailure {
  return { kind: 'failure', elementId, message };
}

/** State is plain JSON data by contract, so a JSON round trip is a faithful deep copy. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
