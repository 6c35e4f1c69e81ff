import { isActivity } from '../../../bpmn/src/workflow';
import { eventSubProcessStartsOf } from '../elements/container/event-sub-process';
import { handlerFor, type Wait } from '../elements';
import type { ElementInstance, EngineFailure, OpenTimer, Variables } from '../types';
import { isWaitTrigger, nextCycleDue, openTriggerWait } from '../waits';
import type { Behaviors } from './behaviors';

/** What fired for an owner: a message's payload, or a timer (no payload) that may repeat. */
export interface Fired {
  variables: Variables;
  timer?: OpenTimer;
}

/**
 * What instances wait on (Zeebe's event subscription behaviour): opening user tasks, jobs,
 * timers, message subscriptions and child cases with the commands that start them, the timers
 * and messages of boundary events and of event sub-process starts, closing them again, and
 * handing a fired trigger to the element that catches it.
 */
export class EventSubscriptions {
  constructor(private readonly b: Behaviors) {}

  /** Opens a task, job, timer, subscription or child case that the instance waits for. */
  open(instance: ElementInstance, wait: Wait): void {
    const { state, log } = this.b;
    switch (wait.kind) {
      case 'task': {
        const local = this.b.variables.scopeLocal(instance.id);
        const task = {
          ...wait.task,
          taskId: instance.id,
          ...(Object.keys(local).length > 0 ? { localVariables: local } : {}),
        };
        state.tasks[task.taskId] = {
          taskId: task.taskId,
          instanceId: instance.id,
          elementId: task.elementId,
          ...(task.assignee === undefined ? {} : { assignee: task.assignee }),
        };
        log.command({ type: 'openUserTask', task });
        log.event({ type: 'task.opened', elementId: task.elementId, data: { taskId: task.taskId } });
        return;
      }
      case 'job': {
        const job = { ...wait.job, jobId: instance.id };
        state.jobs[job.jobId] = { jobId: job.jobId, instanceId: instance.id, elementId: job.elementId };
        log.command({ type: 'startJob', job });
        return;
      }
      case 'timer': {
        const timerId = this.b.newId();
        state.timers[timerId] = {
          timerId,
          elementId: wait.timer.elementId,
          ownerId: instance.id,
          dueAt: wait.timer.dueAt,
          ...(wait.repeat ? { repeat: wait.repeat } : {}),
        };
        log.command({ type: 'startTimer', timer: { timerId, ...wait.timer } });
        return;
      }
      case 'subscription': {
        const subscriptionId = this.b.newId();
        state.subscriptions[subscriptionId] = { subscriptionId, ownerId: instance.id, ...wait.subscription };
        log.command({ type: 'openSubscription', subscription: { subscriptionId, ...wait.subscription } });
        return;
      }
      case 'child': {
        const childId = this.b.newId();
        state.children[childId] = { childId, instanceId: instance.id, elementId: wait.child.elementId };
        log.command({
          type: 'startChild',
          child: { childId, ...wait.child, catches: this.b.publication.errorCatchersOf(instance) },
        });
        return;
      }
    }
  }

  /**
   * Opens the timer and message boundary events of an activity that starts waiting (error and
   * escalation boundaries only listen). All are resolved first: on a failure none is opened
   * and the activity gets the incident. Returns false then.
   */
  openBoundaries(instance: ElementInstance): boolean {
    const element = this.b.element(instance.elementId);
    if (!isActivity(element) || !this.carriesBoundaries(instance)) return true;
    const waits: Wait[] = [];
    const variables = this.b.variables.visible(instance.id);
    for (const boundaryId of element.boundaryEventIds) {
      const boundary = this.b.element(boundaryId);
      if (boundary.type !== 'boundaryEvent') continue;
      const { trigger } = boundary;
      if (!isWaitTrigger(trigger)) continue;
      const wait = openTriggerWait(boundary.id, trigger, variables, this.b.ctx);
      if (wait.kind === 'failure') {
        this.b.incidents.raise(instance, wait.message, 'activate');
        return false;
      }
      waits.push(wait);
    }
    for (const wait of waits) this.open(instance, wait);
    return true;
  }

  /** Boundary events belong to the activity, or to its multi-instance body, never to inner instances. */
  carriesBoundaries(instance: ElementInstance): boolean {
    return instance.loopIndex === undefined;
  }

  /**
   * Opens the timer and message start events of the process's event sub-processes. A failure is
   * an incident on the process that does not stop it; resolving it opens them again.
   */
  openEventSubProcessTriggers(scope: ElementInstance): void {
    const triggers = this.eventSubProcessTriggers(scope);
    if (!Array.isArray(triggers))
      return this.b.incidents.record(scope, triggers.elementId, triggers.message, 'trigger');
    for (const wait of triggers) this.open(scope, wait);
  }

  /** The timers and subscriptions of a scope's event sub-process start events, or the first that cannot be resolved. */
  eventSubProcessTriggers(scope: ElementInstance): Wait[] | EngineFailure {
    const variables = this.b.variables.visible(scope.id);
    const waits: Wait[] = [];
    for (const startId of eventSubProcessStartsOf(this.b, scope)) {
      const start = this.b.element(startId);
      if (start.type !== 'startEvent') continue;
      const { trigger } = start;
      if (!isWaitTrigger(trigger)) continue;
      const wait = openTriggerWait(start.id, trigger, variables, this.b.ctx);
      if (wait.kind === 'failure') return wait;
      waits.push(wait);
    }
    return waits;
  }

  /**
   * Closes what the instance waits on: its task, job, child case, timers and subscriptions; or,
   * with 'eventTriggers', only the timers and subscriptions of its event sub-processes' start
   * events (a scope an interrupting event sub-process runs in keeps its boundary events).
   */
  close(instanceId: string, which: 'all' | 'eventTriggers' = 'all'): void {
    const { state, log } = this.b;
    const closes = (elementId: string): boolean =>
      which === 'all' || this.b.element(elementId).type === 'startEvent';
    const task = state.tasks[instanceId];
    if (task && which === 'all') {
      delete state.tasks[instanceId];
      log.command({ type: 'closeUserTask', taskId: task.taskId, state: 'cancelled' });
    }
    if (state.jobs[instanceId] && which === 'all') {
      delete state.jobs[instanceId];
      log.command({ type: 'cancelJob', jobId: instanceId });
    }
    for (const child of Object.values(state.children)) {
      if (child.instanceId !== instanceId || which !== 'all') continue;
      delete state.children[child.childId];
      log.command({ type: 'cancelChild', childId: child.childId });
    }
    for (const timer of Object.values(state.timers)) {
      if (timer.ownerId !== instanceId || !closes(timer.elementId)) continue;
      delete state.timers[timer.timerId];
      log.command({ type: 'cancelTimer', timerId: timer.timerId });
    }
    for (const subscription of Object.values(state.subscriptions)) {
      if (subscription.ownerId !== instanceId || !closes(subscription.elementId)) continue;
      delete state.subscriptions[subscription.subscriptionId];
      log.command({
        type: 'closeSubscription',
        subscriptionId: subscription.subscriptionId,
        state: 'cancelled',
      });
    }
  }

  /** A repeating timer of a non-interrupting event fires again after its interval, until its count runs out. */
  reschedule(timer: OpenTimer | undefined): void {
    if (!timer?.repeat) return;
    const next = nextCycleDue(timer.dueAt, timer.repeat);
    if (!next) return;
    this.b.state.timers[timer.timerId] = {
      ...timer,
      dueAt: next.dueAt,
      repeat: { ...timer.repeat, remaining: next.remaining },
    };
    this.b.log.command({
      type: 'startTimer',
      timer: { timerId: timer.timerId, elementId: timer.elementId, dueAt: next.dueAt },
    });
  }

  /**
   * A timer or message fired for `owner`, at the event element `eventId`. An owner that waits
   * for several events itself (an event-based gateway) takes it; else the event's own element
   * does: a boundary event leaves its activity, an event sub-process start starts it in its
   * scope, and an intermediate catch event or receive task (the owner itself) completes.
   */
  trigger(ownerId: string, eventId: string, fired: Fired): void {
    const owner = this.b.instance(ownerId);
    if (!owner) return;
    const event = this.b.element(eventId);
    const ownerLifecycle = this.b.transitions.lifecycleOf(owner);
    const catcher = ownerLifecycle.trigger ? ownerLifecycle : handlerFor(event);
    if (catcher.trigger) return catcher.trigger(this.b, owner, event, fired);
    if (event.id !== owner.elementId) {
      throw new Error(`Element '${event.id}' cannot be triggered for '${owner.elementId}'`);
    }
    // What it waited for came: its work is done, with the message's payload as its result.
    this.b.transitions.completeWork(owner, fired.variables);
  }
}
