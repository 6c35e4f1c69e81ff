import { type FlowElement, isActivity, type ProcessModel } from '../../bpmn/src/workflow';
import { evaluateCondition, evaluateFeel } from '../../expressions/src';
import { handlerFor, type Activation, type Wait } from './elements';
import { canReach } from './reachability';
import type {
  Command,
  ElementInstance,
  EngineContext,
  EngineEvent,
  EngineFailure,
  EngineState,
  ErrorCatchers,
  OpenIncident,
  OpenTimer,
  Step,
  Variables,
} from './types';
import { evaluateMappings, propagateVariable, scopeVariables, visibleVariables } from './variables';
import { nextCycleDue, openTriggerWait } from './waits';

/**
 * Element activations one step may perform before the engine concludes the diagram loops
 * without ever waiting (e.g. a gateway cycling through undefined tasks). Far above any real
 * step of a care pathway; keeps a workflow from spinning forever.
 */
export const MAX_ACTIVATIONS_PER_STEP = 10_000;

/** A token on its way into an element of a scope. */
interface Arrival {
  elementId: string;
  scopeId: string;
  flowId?: string;
}

/**
 * One engine step over a private copy of the state. Every transition goes through the methods
 * here (activate, complete, terminate, trigger, throw), so the rules live in one place;
 * element handlers only decide.
 */
export class Runtime {
  private readonly commands: Command[] = [];
  private readonly events: EngineEvent[] = [];
  private queue: Arrival[] = [];
  private activations = 0;

  constructor(
    readonly model: ProcessModel,
    readonly state: EngineState,
    private readonly ctx: EngineContext,
  ) {}

  result(): Step {
    return { state: this.state, commands: this.commands, events: this.events };
  }

  command(command: Command): void {
    this.commands.push(command);
  }

  event(event: Omit<EngineEvent, 'at'>): void {
    this.events.push({ ...event, at: this.ctx.now });
  }

  newId(): string {
    return this.ctx.newId();
  }

  element(elementId: string): FlowElement {
    const element = this.model.elements[elementId];
    if (!element) throw new Error(`The model has no element '${elementId}'`);
    return element;
  }

  instance(instanceId: string): ElementInstance | undefined {
    return Object.hasOwn(this.state.instances, instanceId) ? this.state.instances[instanceId] : undefined;
  }

  /** Adds a token arriving at an element; `run` moves it. */
  enqueue(arrival: Arrival): void {
    this.queue.push(arrival);
  }

  /**
   * Moves every queued token until each waits or ends, re-checks inclusive joins whose missing
   * tokens can no longer come, then completes the instance if nothing is left in it.
   */
  run(): void {
    for (;;) {
      for (let arrival = this.queue.shift(); arrival; arrival = this.queue.shift()) this.arrive(arrival);
      if (!this.releaseInclusiveJoin()) break;
    }
  }

  // ---------------------------------------------------------------- activation

  private arrive(arrival: Arrival): void {
    const instance = this.enter(arrival);
    if (!instance) return;
    this.activations += 1;
    if (this.activations > MAX_ACTIVATIONS_PER_STEP) {
      // Every token still in flight stops where it is, each in an incident, so none is lost.
      const message = `Expected the instance to reach a wait state within ${MAX_ACTIVATIONS_PER_STEP} element activations; the diagram loops without waiting`;
      const pending = this.queue;
      this.queue = [];
      this.raiseIncident(instance, message, 'activate');
      for (const other of pending) {
        const stuck = this.enter(other);
        if (stuck) this.raiseIncident(stuck, message, 'activate');
      }
      return;
    }
    if (instance.body) return this.activateBody(instance);
    this.activate(instance);
  }

  /**
   * The instance a token arriving at an element creates (the multi-instance body of a
   * multi-instance activity), or none when its scope was terminated while it was in flight.
   */
  private enter(arrival: Arrival): ElementInstance | undefined {
    if (!this.instance(arrival.scopeId)) return undefined;
    const element = this.element(arrival.elementId);
    const instance = this.createInstance(element.id, arrival.scopeId, arrival.flowId);
    if (isActivity(element) && element.multiInstance) {
      instance.body = true;
      instance.state = 'scope';
    }
    return instance;
  }

  private createInstance(elementId: string, parentId: string, flowId?: string): ElementInstance {
    const instance: ElementInstance = {
      id: this.newId(),
      elementId,
      parentId,
      state: 'waiting',
      ...(flowId === undefined ? {} : { flowId }),
    };
    this.state.instances[instance.id] = instance;
    return instance;
  }

  /** Applies input mappings, asks the element's handler, and carries out its decision. */
  activate(instance: ElementInstance): void {
    const element = this.element(instance.elementId);
    const inputs = 'ioMapping' in element ? element.ioMapping?.inputs : undefined;
    if (inputs && inputs.length > 0) {
      // The instance's own variables count: a multi-instance item is mapped from (Zeebe).
      const mapped = evaluateMappings(inputs, visibleVariables(this.state, instance.id), this.ctx);
      if (!mapped.ok) return this.raiseIncident(instance, mapped.message, 'activate');
      instance.variables = { ...instance.variables, ...mapped.values };
    }
    this.carryOut(instance, element, this.decide(instance));
  }

  /** What the element's handler decides for the instance, given what it sees now. */
  private decide(instance: ElementInstance): Activation {
    const element = this.element(instance.elementId);
    const waiting = Object.values(this.state.instances).filter(
      (other) =>
        other.state === 'joining' &&
        other.elementId === element.id &&
        other.parentId === instance.parentId &&
        other.id !== instance.id,
    );
    return handlerFor(element).activate({
      element,
      model: this.model,
      instanceId: instance.id,
      ...(instance.flowId === undefined ? {} : { flowId: instance.flowId }),
      variables: visibleVariables(this.state, instance.id),
      localVariables: instance.variables ?? {},
      waiting: waiting.map((token) => ({ id: token.id, ...(token.flowId ? { flowId: token.flowId } : {}) })),
      canStillArrive: (flowId) => this.canStillArrive(instance, flowId),
      ctx: this.ctx,
    });
  }

  private carryOut(instance: ElementInstance, element: FlowElement, activation: Activation): void {
    switch (activation.kind) {
      case 'failure':
        return this.raiseIncident(instance, activation.message, 'activate');
      case 'complete':
        this.entered(instance);
        return this.complete(instance, activation.variables);
      case 'leave': {
        for (const id of activation.joined ?? []) delete this.state.instances[id];
        this.entered(instance);
        this.event({ type: 'element.left', elementId: element.id });
        delete this.state.instances[instance.id];
        return this.follow(instance, activation.flowIds);
      }
      case 'join':
        instance.state = 'joining';
        return;
      case 'wait': {
        if (!this.openBoundaries(instance)) return;
        this.entered(instance);
        instance.state = 'waiting';
        for (const wait of activation.waits) this.openWait(instance, wait);
        return;
      }
      case 'enterScope': {
        // Its event sub-processes' triggers are resolved first: on a failure nothing has opened,
        // and resolving the incident enters the sub-process again.
        const triggers = this.eventSubProcessTriggers(instance);
        if (!Array.isArray(triggers)) return this.raiseIncident(instance, triggers.message, 'activate');
        if (!this.openBoundaries(instance)) return;
        this.entered(instance);
        instance.state = 'scope';
        for (const wait of triggers) this.openWait(instance, wait);
        this.enqueue({ elementId: activation.startEventId, scopeId: instance.id });
        return;
      }
      case 'end':
        // Completing it applies its output mappings (Zeebe has them on none end events); with no
        // outgoing flow its token ends there and its scope may complete.
        this.entered(instance);
        return this.complete(instance);
      case 'terminate': {
        this.entered(instance);
        this.event({ type: 'element.left', elementId: element.id });
        delete this.state.instances[instance.id];
        if (instance.parentId !== null) this.terminateChildren(instance.parentId);
        return this.scopeMayComplete(instance.parentId);
      }
      case 'throw': {
        this.entered(instance);
        this.event({
          type: activation.signal === 'error' ? 'error.thrown' : 'escalation.thrown',
          elementId: element.id,
          data: { code: activation.code },
        });
        const outcome = this.throwSignal(instance, activation.signal, activation.code, instance.parentId);
        if (outcome === 'uncaught' && activation.signal === 'error') {
          return this.uncaughtError(instance, activation.code, undefined, 'activate');
        }
        // Caught by an interrupting catcher: the thrower was terminated with its scope.
        if (outcome === 'interrupted' || !this.instance(instance.id)) return;
        if (activation.end) {
          this.event({ type: 'element.left', elementId: element.id });
          delete this.state.instances[instance.id];
          return this.scopeMayComplete(instance.parentId);
        }
        return this.complete(instance);
      }
    }
  }

  private entered(instance: ElementInstance): void {
    this.event({ type: 'element.entered', elementId: instance.elementId });
  }

  /** Opens a task, job, timer, subscription or child case that the instance waits for. */
  private openWait(instance: ElementInstance, wait: Wait): void {
    switch (wait.kind) {
      case 'task': {
        const local = scopeVariables(this.state, instance.id);
        const task = {
          ...wait.task,
          taskId: instance.id,
          ...(Object.keys(local).length > 0 ? { localVariables: local } : {}),
        };
        this.state.tasks[task.taskId] = {
          taskId: task.taskId,
          instanceId: instance.id,
          elementId: task.elementId,
          ...(task.assignee === undefined ? {} : { assignee: task.assignee }),
        };
        this.command({ type: 'openUserTask', task });
        this.event({ type: 'task.opened', elementId: task.elementId, data: { taskId: task.taskId } });
        return;
      }
      case 'job': {
        const job = { ...wait.job, jobId: instance.id };
        this.state.jobs[job.jobId] = { jobId: job.jobId, instanceId: instance.id, elementId: job.elementId };
        this.command({ type: 'startJob', job });
        return;
      }
      case 'timer': {
        const timerId = this.newId();
        this.state.timers[timerId] = {
          timerId,
          elementId: wait.timer.elementId,
          ownerId: instance.id,
          dueAt: wait.timer.dueAt,
          ...(wait.repeat ? { repeat: wait.repeat } : {}),
        };
        this.command({ type: 'startTimer', timer: { timerId, ...wait.timer } });
        return;
      }
      case 'subscription': {
        const subscriptionId = this.newId();
        this.state.subscriptions[subscriptionId] = {
          subscriptionId,
          ownerId: instance.id,
          ...wait.subscription,
        };
        this.command({ type: 'openSubscription', subscription: { subscriptionId, ...wait.subscription } });
        return;
      }
      case 'child': {
        const childId = this.newId();
        this.state.children[childId] = { childId, instanceId: instance.id, elementId: wait.child.elementId };
        this.command({
          type: 'startChild',
          child: { childId, ...wait.child, catches: this.errorCatchersOf(instance) },
        });
        return;
      }
    }
  }

  /**
   * Opens the timer and message boundary events of an activity that starts waiting (error and
   * escalation boundaries only listen). All are resolved first: on a failure none is opened
   * and the activity gets the incident.
   */
  private openBoundaries(instance: ElementInstance): boolean {
    const element = this.element(instance.elementId);
    if (!isActivity(element) || !this.carriesBoundaries(instance)) return true;
    const waits: Wait[] = [];
    const variables = visibleVariables(this.state, instance.id);
    for (const boundaryId of element.boundaryEventIds) {
      const boundary = this.element(boundaryId);
      if (boundary.type !== 'boundaryEvent') continue;
      const { trigger } = boundary;
      if (trigger.kind !== 'timer' && trigger.kind !== 'message') continue;
      const wait = openTriggerWait(boundary.id, trigger, variables, this.ctx);
      if (wait.kind === 'failure') {
        this.raiseIncident(instance, wait.message, 'activate');
        return false;
      }
      waits.push(wait);
    }
    for (const wait of waits) this.openWait(instance, wait);
    return true;
  }

  /** Boundary events belong to the activity, or to its multi-instance body, never to inner instances. */
  private carriesBoundaries(instance: ElementInstance): boolean {
    return instance.loopIndex === undefined;
  }

  /**
   * Opens the timer and message start events of the process's event sub-processes. A failure is
   * an incident on the process that does not stop it; resolving it opens them again.
   */
  openEventSubProcessTriggers(scope: ElementInstance): void {
    const triggers = this.eventSubProcessTriggers(scope);
    if (!Array.isArray(triggers))
      return this.recordIncident(scope, triggers.elementId, triggers.message, 'trigger');
    for (const wait of triggers) this.openWait(scope, wait);
  }

  /** The timers and subscriptions of a scope's event sub-process start events, or the first that cannot be resolved. */
  private eventSubProcessTriggers(scope: ElementInstance): Wait[] | EngineFailure {
    const variables = visibleVariables(this.state, scope.id);
    const waits: Wait[] = [];
    for (const startId of this.eventSubProcessStartsOf(scope)) {
      const start = this.element(startId);
      if (start.type !== 'startEvent') continue;
      const { trigger } = start;
      if (trigger.kind !== 'timer' && trigger.kind !== 'message') continue;
      const wait = openTriggerWait(start.id, trigger, variables, this.ctx);
      if (wait.kind === 'failure') return wait;
      waits.push(wait);
    }
    return waits;
  }

  // ---------------------------------------------------------------- multi-instance

  /** Evaluates the input collection and starts the inner instances (all, or the first). */
  activateBody(body: ElementInstance): void {
    const element = this.element(body.elementId);
    if (!isActivity(element) || !element.multiInstance) return;
    const loop = element.multiInstance;
    const result = evaluateFeel(loop.inputCollection, visibleVariables(this.state, body.parentId), {
      now: this.ctx.now,
    });
    if (!result.ok)
      return this.raiseIncident(
        body,
        `Expected the input collection to evaluate: ${result.message}`,
        'activate',
      );
    if (!Array.isArray(result.value)) {
      return this.raiseIncident(
        body,
        `Expected the input collection '${loop.inputCollection}' to be a list, but was ${JSON.stringify(result.value)}`,
        'activate',
      );
    }
    body.state = 'scope';
    if (!this.openBoundaries(body)) return;
    this.entered(body);
    const items = result.value as unknown[];
    body.loop = { items, next: 0, completed: 0, outputs: items.map(() => null) };
    if (items.length === 0) return this.completeBody(body);
    const first = loop.sequential ? 1 : items.length;
    // Inner instances that complete at once may meet the completion condition before all started.
    for (let index = 0; index < first && this.instance(body.id); index += 1) this.startInner(body);
  }

  private startInner(body: ElementInstance): void {
    const element = this.element(body.elementId);
    const loop = body.loop;
    if (!loop || !isActivity(element) || !element.multiInstance) return;
    const index = loop.next;
    loop.next += 1;
    const inner = this.createInstance(element.id, body.id);
    inner.loopIndex = index;
    inner.variables = {
      loopCounter: index + 1,
      ...(element.multiInstance.inputElement
        ? { [element.multiInstance.inputElement]: loop.items[index] }
        : {}),
    };
    this.activate(inner);
  }

  /**
   * An inner instance completed: its outputElement is collected, then the completion condition
   * is evaluated in its scope (its item and results are visible, as in Zeebe) with the loop's
   * counts; true ends the whole activity.
   */
  private completeInner(inner: ElementInstance): void {
    const body = inner.parentId === null ? undefined : this.instance(inner.parentId);
    const element = this.element(inner.elementId);
    if (!body?.loop || !isActivity(element) || !element.multiInstance) return;
    const loop = element.multiInstance;
    const variables = visibleVariables(this.state, inner.id);
    if (loop.outputElement !== undefined && inner.loopIndex !== undefined) {
      const output = evaluateFeel(loop.outputElement, variables, { now: this.ctx.now });
      if (!output.ok) {
        return this.raiseIncident(
          inner,
          `Expected the output element to evaluate: ${output.message}`,
          'complete',
        );
      }
      body.loop.outputs[inner.loopIndex] = output.value;
    }
    let done = false;
    if (loop.completionCondition !== undefined) {
      const others = Object.values(this.state.instances).filter(
        (other) => other.parentId === body.id && other.id !== inner.id,
      ).length;
      const condition = evaluateCondition(
        loop.completionCondition,
        {
          ...variables,
          numberOfInstances: body.loop.items.length,
          numberOfCompletedInstances: body.loop.completed + 1,
          numberOfActiveInstances: others,
        },
        { now: this.ctx.now },
      );
      if (!condition.ok) {
        return this.raiseIncident(
          inner,
          `Expected the completion condition to evaluate: ${condition.message}`,
          'complete',
        );
      }
      done = condition.value;
    }
    this.event({
      type: 'element.left',
      elementId: element.id,
      data: { loopCounter: (inner.loopIndex ?? 0) + 1 },
    });
    this.closeOwned(inner.id);
    delete this.state.instances[inner.id];
    body.loop.completed += 1;
    if (done) {
      this.terminateChildren(body.id);
      return this.completeBody(body);
    }
    this.continueLoop(body);
  }

  /** After an inner instance completed: the next item (sequential), or done once every item is. */
  private continueLoop(body: ElementInstance): void {
    const element = this.element(body.elementId);
    if (!body.loop || !isActivity(element) || !element.multiInstance) return;
    if (element.multiInstance.sequential && body.loop.next < body.loop.items.length)
      return this.startInner(body);
    if (body.loop.completed >= body.loop.items.length) this.completeBody(body);
  }

  private completeBody(body: ElementInstance): void {
    const element = this.element(body.elementId);
    if (isActivity(element) && element.multiInstance?.outputCollection && body.loop) {
      propagateVariable(this.state, body.parentId, element.multiInstance.outputCollection, body.loop.outputs);
    }
    this.leave(body);
  }

  // ---------------------------------------------------------------- completion

  /**
   * Completes an element instance with its result variables (a task's form, a job's result, a
   * message's payload): output mappings if it has any, else the variables propagate upwards.
   * An inner instance of a multi-instance activity keeps its results local, so parallel
   * instances never overwrite each other; its outputElement collects them.
   */
  complete(instance: ElementInstance, result: Variables = {}): void {
    const element = this.element(instance.elementId);
    const outputs = 'ioMapping' in element ? element.ioMapping?.outputs : undefined;
    const inner = instance.loopIndex !== undefined;
    if (outputs && outputs.length > 0) {
      const visible = { ...visibleVariables(this.state, instance.id), ...result };
      const mapped = evaluateMappings(outputs, visible, this.ctx);
      if (!mapped.ok) return this.raiseIncident(instance, mapped.message, 'complete', result);
      this.setResult(instance, mapped.values, inner);
    } else {
      this.setResult(instance, result, inner);
    }
    if (inner) return this.completeInner(instance);
    this.leave(instance);
  }

  private setResult(instance: ElementInstance, values: Variables, local: boolean): void {
    if (local) {
      instance.variables = { ...instance.variables, ...values };
      return;
    }
    for (const [name, value] of Object.entries(values))
      propagateVariable(this.state, instance.parentId, name, value);
  }

  /** The instance is done: its boundaries close and its token goes on along every outgoing flow. */
  private leave(instance: ElementInstance): void {
    const element = this.element(instance.elementId);
    this.closeOwned(instance.id);
    this.event({ type: 'element.left', elementId: element.id });
    delete this.state.instances[instance.id];
    this.follow(instance, element.outgoing);
  }

  /** One token per flow; with none, the token ends and its scope may be done. */
  private follow(instance: ElementInstance, flowIds: readonly string[]): void {
    if (instance.parentId === null) return;
    if (flowIds.length === 0) return this.scopeMayComplete(instance.parentId);
    for (const flowId of flowIds) {
      const flow = this.model.flows[flowId];
      if (!flow)
        throw new Error(`Element '${instance.elementId}' leaves by flow '${flowId}', which the model lacks`);
      this.enqueue({ elementId: flow.targetId, scopeId: instance.parentId, flowId });
    }
  }

  /** A scope with no token left, in it or on the way into it, completes. */
  scopeMayComplete(scopeId: string | null): void {
    if (scopeId === null) return;
    const scope = this.instance(scopeId);
    if (!scope || scope.state !== 'scope' || scope.body) return;
    if (Object.values(this.state.instances).some((other) => other.parentId === scopeId)) return;
    if (this.queue.some((arrival) => arrival.scopeId === scopeId)) return;
    if (scopeId === this.state.rootId) return this.finish();
    this.complete(scope);
  }

  private finish(): void {
    const root = this.state.instances[this.state.rootId];
    if (!root || this.state.status !== 'active') return;
    this.closeOwned(root.id);
    // An event sub-process trigger that never opened does not matter once the process is done.
    this.closeIncidents(root.id, 'completed');
    root.state = 'scope';
    this.state.status = 'completed';
    this.command({ type: 'completeInstance' });
    this.event({ type: 'instance.completed' });
  }

  // ---------------------------------------------------------------- termination

  /** Ends an element instance and everything in it: tasks cancelled, jobs, timers, subscriptions and child cases closed. */
  terminate(instance: ElementInstance): void {
    this.terminateChildren(instance.id);
    this.closeOwned(instance.id);
    this.closeIncidents(instance.id, 'terminated');
    if (instance.state !== 'joining')
      this.event({ type: 'element.terminated', elementId: instance.elementId });
    delete this.state.instances[instance.id];
  }

  /** Resolves the incidents of an instance that ended: there is nothing left to retry. */
  private closeIncidents(instanceId: string, reason: 'terminated' | 'completed'): void {
    for (const incident of Object.values(this.state.incidents)) {
      if (incident.instanceId !== instanceId) continue;
      delete this.state.incidents[incident.incidentId];
      this.command({ type: 'resolveIncident', incidentId: incident.incidentId });
      this.event({
        type: 'incident.resolved',
        elementId: incident.elementId,
        data: { incidentId: incident.incidentId, reason },
      });
    }
  }

  terminateChildren(scopeId: string): void {
    this.queue = this.queue.filter((arrival) => arrival.scopeId !== scopeId);
    for (const child of Object.values(this.state.instances)) {
      if (child.parentId === scopeId && this.instance(child.id)) this.terminate(child);
    }
  }

  /**
   * Closes what the instance waits on: its task, job, child case, timers and subscriptions; or,
   * with 'eventTriggers', only the timers and subscriptions of its event sub-processes' start
   * events (a scope an interrupting event sub-process runs in keeps its boundary events).
   */
  closeOwned(instanceId: string, which: 'all' | 'eventTriggers' = 'all'): void {
    const closes = (elementId: string): boolean =>
      which === 'all' || this.element(elementId).type === 'startEvent';
    const task = this.state.tasks[instanceId];
    if (task && which === 'all') {
      delete this.state.tasks[instanceId];
      this.command({ type: 'closeUserTask', taskId: task.taskId, state: 'cancelled' });
    }
    if (this.state.jobs[instanceId] && which === 'all') {
      delete this.state.jobs[instanceId];
      this.command({ type: 'cancelJob', jobId: instanceId });
    }
    for (const child of Object.values(this.state.children)) {
      if (child.instanceId !== instanceId || which !== 'all') continue;
      delete this.state.children[child.childId];
      this.command({ type: 'cancelChild', childId: child.childId });
    }
    for (const timer of Object.values(this.state.timers)) {
      if (timer.ownerId !== instanceId || !closes(timer.elementId)) continue;
      delete this.state.timers[timer.timerId];
      this.command({ type: 'cancelTimer', timerId: timer.timerId });
    }
    for (const subscription of Object.values(this.state.subscriptions)) {
      if (subscription.ownerId !== instanceId || !closes(subscription.elementId)) continue;
      delete this.state.subscriptions[subscription.subscriptionId];
      this.command({
        type: 'closeSubscription',
        subscriptionId: subscription.subscriptionId,
        state: 'cancelled',
      });
    }
  }

  // ---------------------------------------------------------------- triggers (timers, messages)

  /**
   * A timer or message fired for `owner`, at the event element `eventId`: an intermediate catch
   * event or receive task completes; an event-based gateway takes the event's way; a boundary
   * event leaves its activity (interrupting or not); an event sub-process starts in its scope.
   */
  trigger(ownerId: string, eventId: string, variables: Variables, fired: { timer?: OpenTimer }): void {
    const owner = this.instance(ownerId);
    if (!owner) return;
    const event = this.element(eventId);
    const ownerElement =
      owner.elementId === this.state.processId && ownerId === this.state.rootId
        ? null
        : this.element(owner.elementId);

    if (ownerElement?.type === 'eventBasedGateway') {
      this.closeOwned(owner.id);
      this.event({ type: 'element.left', elementId: ownerElement.id });
      delete this.state.instances[owner.id];
      const flowId = ownerElement.outgoing.find((id) => this.model.flows[id]?.targetId === event.id);
      const target = this.createInstance(event.id, owner.parentId ?? this.state.rootId, flowId);
      this.entered(target);
      return this.complete(target, variables);
    }
    if (event.id === owner.elementId) {
      // An intermediate catch event or receive task: what it waited for came.
      return this.complete(owner, variables);
    }
    if (event.type === 'boundaryEvent') {
      const scopeId = owner.parentId ?? this.state.rootId;
      if (event.cancelActivity) this.terminate(owner);
      else this.reschedule(fired.timer);
      const boundary = this.createInstance(event.id, scopeId);
      this.entered(boundary);
      return this.complete(boundary, variables);
    }
    if (event.type === 'startEvent' && event.parentId !== undefined) {
      return this.startEventSubProcess(owner, event.parentId, event.interrupting, variables, fired);
    }
    throw new Error(`Element '${event.id}' cannot be triggered for '${owner.elementId}'`);
  }

  /** A repeating timer of a non-interrupting event fires again after its interval, until its count runs out. */
  private reschedule(timer: OpenTimer | undefined): void {
    if (!timer?.repeat) return;
    const next = nextCycleDue(timer.dueAt, timer.repeat);
    if (!next) return;
    this.state.timers[timer.timerId] = {
      ...timer,
      dueAt: next.dueAt,
      repeat: { ...timer.repeat, remaining: next.remaining },
    };
    this.command({
      type: 'startTimer',
      timer: { timerId: timer.timerId, elementId: timer.elementId, dueAt: next.dueAt },
    });
  }

  /**
   * Starts an event sub-process in `scope`. Interrupting: everything else in the scope ends
   * first and the scope's event triggers close; the scope itself goes on, so its boundary events
   * stay open. Non-interrupting: the trigger stays open (a cycle is rescheduled). The event
   * sub-process is then activated like any sub-process: input mappings, its own event
   * sub-processes' triggers, its start event.
   */
  private startEventSubProcess(
    scope: ElementInstance,
    subProcessId: string,
    interrupting: boolean,
    variables: Variables,
    fired: { timer?: OpenTimer },
  ): void {
    if (interrupting) {
      this.terminateChildren(scope.id);
      this.closeOwned(scope.id, 'eventTriggers');
    } else {
      this.reschedule(fired.timer);
    }
    const instance = this.createInstance(subProcessId, scope.id);
    // The trigger's payload belongs to the event sub-process.
    instance.variables = { ...variables };
    this.activate(instance);
  }

  // ---------------------------------------------------------------- errors and escalations

  /**
   * Throws an error or escalation from `thrower` to the nearest catcher: walking up from
   * `fromScopeId`, at each level an event sub-process of that scope catches first, then a
   * boundary event on it. The code must match, or the catcher have none.
   * Returns 'interrupted' when the catcher ended the thrower's scope, 'continued' when a
   * non-interrupting catcher took it, 'uncaught' when none did.
   */
  throwSignal(
    thrower: ElementInstance,
    signal: 'error' | 'escalation',
    code: string,
    fromScopeId: string | null,
  ): 'interrupted' | 'continued' | 'uncaught' {
    for (let id = fromScopeId; id !== null;) {
      const level = this.instance(id);
      if (!level) break;
      const element = level.id === this.state.rootId ? null : this.element(level.elementId);
      const start = this.findCatcher(this.eventSubProcessStartsOf(level), signal, code);
      if (start?.type === 'startEvent' && start.parentId !== undefined) {
        const interrupting = signal === 'error' || start.interrupting;
        this.startEventSubProcess(level, start.parentId, interrupting, {}, {});
        return interrupting ? 'interrupted' : 'continued';
      }
      if (element && isActivity(element) && this.carriesBoundaries(level)) {
        const boundary = this.findCatcher(element.boundaryEventIds, signal, code);
        if (boundary?.type === 'boundaryEvent') {
          const interrupting = signal === 'error' || boundary.cancelActivity;
          const scopeId = level.parentId ?? this.state.rootId;
          if (interrupting) this.terminate(level);
          const caught = this.createInstance(boundary.id, scopeId);
          this.entered(caught);
          this.complete(caught);
          return interrupting ? 'interrupted' : 'continued';
        }
      }
      id = level.parentId;
    }
    void thrower;
    return 'uncaught';
  }

  /**
   * An error nothing in this case catches: it goes to the calling case when that one catches it
   * (this case ends), else it is an incident at the element that threw it.
   */
  uncaughtError(
    instance: ElementInstance,
    code: string,
    detail: string | undefined,
    retry: OpenIncident['retry'],
  ): void {
    const caller = this.state.parentCatches;
    if (!caller || !(caller.all || caller.codes.includes(code))) {
      const why = detail === undefined ? '' : ` (${detail})`;
      return this.raiseIncident(
        instance,
        `Expected a catch event for error '${code}'${why}, but none catches it`,
        retry,
      );
    }
    const message = detail ?? `Error '${code}' thrown at '${instance.elementId}'`;
    this.terminateChildren(this.state.rootId);
    this.closeOwned(this.state.rootId);
    for (const incident of Object.values(this.state.incidents)) {
      delete this.state.incidents[incident.incidentId];
      this.command({ type: 'resolveIncident', incidentId: incident.incidentId });
    }
    this.state.status = 'cancelled';
    this.command({ type: 'throwToParent', errorCode: code, message });
    this.event({
      type: 'instance.terminated',
      elementId: instance.elementId,
      data: { errorCode: code, caughtBy: 'calling case' },
    });
  }

  /** Every error code a catcher at or around `instance` takes (event sub-processes, boundaries), the caller's included. */
  private errorCatchersOf(instance: ElementInstance): ErrorCatchers {
    const codes = new Set<string>(this.state.parentCatches?.codes ?? []);
    let all = this.state.parentCatches?.all ?? false;
    const take = (eventIds: readonly string[]): void => {
      for (const id of eventIds) {
        const event = this.element(id);
        if ((event.type !== 'boundaryEvent' && event.type !== 'startEvent') || event.trigger.kind !== 'error')
          continue;
        if (event.trigger.errorCode === undefined) all = true;
        else codes.add(event.trigger.errorCode);
      }
    };
    for (let id: string | null = instance.id; id !== null;) {
      const level = this.instance(id);
      if (!level) break;
      const element = level.id === this.state.rootId ? null : this.element(level.elementId);
      take(this.eventSubProcessStartsOf(level));
      if (element && isActivity(element) && this.carriesBoundaries(level)) take(element.boundaryEventIds);
      id = level.parentId;
    }
    return { codes: [...codes].sort(), all };
  }

  /** The event sub-processes directly inside a scope: the process's, or a sub-process's (not a multi-instance body's). */
  private eventSubProcessesOf(scope: ElementInstance): readonly string[] {
    if (scope.id === this.state.rootId) return this.model.eventSubProcessIds;
    const element = this.element(scope.elementId);
    return element.type === 'subProcess' && !scope.body ? element.eventSubProcessIds : [];
  }

  /** The start events of a scope's event sub-processes: where its errors and escalations are caught first. */
  private eventSubProcessStartsOf(scope: ElementInstance): string[] {
    return this.eventSubProcessesOf(scope).flatMap((subProcessId) => {
      const subProcess = this.element(subProcessId);
      return subProcess.type === 'subProcess' ? subProcess.startEventIds : [];
    });
  }

  /** The catcher for a code: one naming it exactly wins over a catch-all. */
  private findCatcher(
    eventIds: readonly string[],
    signal: 'error' | 'escalation',
    code: string,
  ): FlowElement | undefined {
    const candidates = eventIds
      .map((id) => this.element(id))
      .filter((event) => {
        if (event.type !== 'boundaryEvent' && event.type !== 'startEvent') return false;
        return event.trigger.kind === signal;
      });
    const codeOf = (event: FlowElement): string | undefined => {
      if (event.type !== 'boundaryEvent' && event.type !== 'startEvent') return undefined;
      const { trigger } = event;
      if (trigger.kind === 'error') return trigger.errorCode;
      if (trigger.kind === 'escalation') return trigger.escalationCode;
      return undefined;
    };
    return (
      candidates.find((event) => codeOf(event) === code) ??
      candidates.find((event) => codeOf(event) === undefined)
    );
  }

  // ---------------------------------------------------------------- incidents

  /** The instance stops where it is; resolving the incident retries what failed. */
  raiseIncident(
    instance: ElementInstance,
    message: string,
    retry: OpenIncident['retry'],
    variables?: Variables,
  ): void {
    instance.state = 'incident';
    this.recordIncident(instance, instance.elementId, message, retry, variables);
  }

  private recordIncident(
    instance: ElementInstance,
    elementId: string,
    message: string,
    retry: OpenIncident['retry'],
    variables?: Variables,
  ): void {
    const incidentId = this.newId();
    this.state.incidents[incidentId] = {
      incidentId,
      instanceId: instance.id,
      elementId,
      message,
      retry,
      ...(variables === undefined ? {} : { variables }),
    };
    this.command({ type: 'raiseIncident', incident: { incidentId, elementId, message } });
    this.event({ type: 'incident.raised', elementId, data: { incidentId, message } });
  }

  /** Sets variables where they live (nearest scope from the instance up that has them, else the process). */
  setVariables(instance: ElementInstance, variables: Variables): void {
    for (const [name, value] of Object.entries(variables))
      propagateVariable(this.state, instance.id, name, value);
  }

  /** Retries what an incident stopped. */
  retry(instance: ElementInstance, incident: OpenIncident): void {
    if (incident.retry === 'trigger') {
      this.openEventSubProcessTriggers(instance);
      return;
    }
    instance.state = instance.body ? 'scope' : 'waiting';
    switch (incident.retry) {
      case 'activate':
        if (instance.body) return this.activateBody(instance);
        return this.activate(instance);
      case 'complete':
        if (instance.body) return this.continueLoop(instance);
        return this.complete(instance, incident.variables);
      case 'job': {
        // Its own work starts again (a job, a called case); its boundary events stayed open.
        const activation = this.decide(instance);
        if (activation.kind === 'failure') return this.raiseIncident(instance, activation.message, 'job');
        if (activation.kind !== 'wait')
          return this.carryOut(instance, this.element(instance.elementId), activation);
        for (const wait of activation.waits) this.openWait(instance, wait);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- joins

  /** Whether a token live in the join's scope (not already joining there) can still reach `flowId`. */
  private canStillArrive(join: ElementInstance, flowId: string): boolean {
    const source = this.model.flows[flowId]?.sourceId;
    if (source === undefined) return false;
    const live = Object.values(this.state.instances).filter(
      (other) =>
        other.parentId === join.parentId &&
        other.id !== join.id &&
        !(other.state === 'joining' && other.elementId === join.elementId),
    );
    return (
      live.some((other) => other.elementId === source || canReach(this.model, other.elementId, source)) ||
      this.queue.some(
        (arrival) =>
          arrival.scopeId === join.parentId &&
          (arrival.elementId === source || canReach(this.model, arrival.elementId, source)),
      )
    );
  }

  /**
   * An inclusive join fires once no missing token can still come. That can change without a
   * token arriving there (another branch ended), so after the queue drains every waiting
   * inclusive join is asked again, newest token first. Returns whether one fired.
   */
  private releaseInclusiveJoin(): boolean {
    const joining = Object.values(this.state.instances).filter(
      (instance) =>
        instance.state === 'joining' && this.element(instance.elementId).type === 'inclusiveGateway',
    );
    for (const instance of joining.reverse()) {
      const element = this.element(instance.elementId);
      // A token of this join stopped by an incident fires it, these tokens merged, once resolved.
      const stopped = Object.values(this.state.instances).some(
        (other) =>
          other.state === 'incident' &&
          other.elementId === element.id &&
          other.parentId === instance.parentId,
      );
      if (stopped) continue;
      const arrived = new Set(
        joining
          .filter((other) => other.elementId === element.id && other.parentId === instance.parentId)
          .map((other) => other.flowId),
      );
      const missing = element.incoming.filter((flowId) => !arrived.has(flowId));
      if (missing.some((flowId) => this.canStillArrive(instance, flowId))) continue;
      instance.state = 'waiting';
      this.activate(instance);
      return true;
    }
    return false;
  }
}
