import { type FlowElement, isActivity } from '../../../bpmn/src/workflow';
import { handlerFor, type Activation, type Lifecycle } from '../elements';
import { multiInstanceBody } from '../elements/container/multi-instance-body';
import { processLifecycle } from '../elements/container/process';
import type { ElementInstance, Variables } from '../types';
import type { Behaviors } from './behaviors';
import type { Arrival } from './tokens';

/**
 * How element instances move through their lifecycle (Zeebe's state transition behaviour):
 * entered, activated (the handler decides, this carries the decision out), completed (output
 * mappings, then leaving along the outgoing flows), terminated; and which lifecycle hooks of
 * which handler apply to an instance. Every change of an instance's state goes through here.
 */
export class StateTransitions {
  constructor(private readonly b: Behaviors) {}

  /** Whose lifecycle hooks apply: the process's for the root, the body's for a multi-instance body, else the element's handler. */
  lifecycleOf(instance: ElementInstance): Lifecycle {
    if (instance.id === this.b.state.rootId) return processLifecycle;
    if (instance.body) return multiInstanceBody;
    return handlerFor(this.b.element(instance.elementId));
  }

  /**
   * The instance a token arriving at an element creates (the multi-instance body of a
   * multi-instance activity), or none when its scope was terminated while it was in flight.
   */
  enter(arrival: Arrival): ElementInstance | undefined {
    if (!this.b.instance(arrival.scopeId)) return undefined;
    const element = this.b.element(arrival.elementId);
    const instance = this.create(element.id, arrival.scopeId, arrival.flowId);
    if (isActivity(element) && element.multiInstance) {
      instance.body = true;
      instance.state = 'scope';
    }
    return instance;
  }

  create(elementId: string, parentId: string, flowId?: string): ElementInstance {
    const instance: ElementInstance = {
      id: this.b.newId(),
      elementId,
      parentId,
      state: 'waiting',
      ...(flowId === undefined ? {} : { flowId }),
    };
    this.b.state.instances[instance.id] = instance;
    return instance;
  }

  /** Activates an entered instance: a multi-instance body starts its loop, an element is activated. */
  start(instance: ElementInstance): void {
    if (instance.body) return multiInstanceBody.activate(this.b, instance);
    this.activate(instance);
  }

  /** Applies input mappings, asks the element's handler, and carries out its decision. */
  activate(instance: ElementInstance): void {
    if (!this.b.variables.applyInputs(instance)) return;
    this.carryOut(instance, this.decide(instance));
  }

  /** What the element's handler decides for the instance, given what it sees now. */
  decide(instance: ElementInstance): Activation {
    const { b } = this;
    const element = b.element(instance.elementId);
    const waiting = Object.values(b.state.instances).filter(
      (other) =>
        other.state === 'joining' &&
        other.elementId === element.id &&
        other.parentId === instance.parentId &&
        other.id !== instance.id,
    );
    return handlerFor(element).activate({
      element,
      model: b.model,
      instanceId: instance.id,
      ...(instance.flowId === undefined ? {} : { flowId: instance.flowId }),
      variables: b.variables.visible(instance.id),
      localVariables: instance.variables ?? {},
      waiting: waiting.map((token) => ({ id: token.id, ...(token.flowId ? { flowId: token.flowId } : {}) })),
      canStillArrive: (flowId) => b.tokens.canStillArrive(instance, flowId),
      ctx: b.ctx,
    });
  }

  /** Carries out a handler's decision (see Activation in elements/handler.ts). */
  carryOut(instance: ElementInstance, activation: Activation): void {
    const { b } = this;
    const element = b.element(instance.elementId);
    switch (activation.kind) {
      case 'failure':
        return b.incidents.raise(instance, activation.message, 'activate');
      case 'complete':
        this.entered(instance);
        return this.complete(instance, activation.variables);
      case 'leave': {
        for (const id of activation.joined ?? []) delete b.state.instances[id];
        this.entered(instance);
        this.left(instance, element);
        return this.follow(instance, activation.flowIds);
      }
      case 'join':
        instance.state = 'joining';
        return;
      case 'wait': {
        if (!b.subscriptions.openBoundaries(instance)) return;
        this.entered(instance);
        instance.state = 'waiting';
        for (const wait of activation.waits) b.subscriptions.open(instance, wait);
        return;
      }
      case 'enterScope': {
        // Its event sub-processes' triggers are resolved first: on a failure nothing has opened,
        // and resolving the incident enters the sub-process again.
        const triggers = b.subscriptions.eventSubProcessTriggers(instance);
        if (!Array.isArray(triggers)) return b.incidents.raise(instance, triggers.message, 'activate');
        if (!b.subscriptions.openBoundaries(instance)) return;
        this.entered(instance);
        instance.state = 'scope';
        for (const wait of triggers) b.subscriptions.open(instance, wait);
        b.tokens.enqueue({ elementId: activation.startEventId, scopeId: instance.id });
        return;
      }
      case 'end':
        // Completing it applies its output mappings (Zeebe has them on none end events); with no
        // outgoing flow its token ends there and its scope may complete.
        this.entered(instance);
        return this.complete(instance);
      case 'terminate': {
        this.entered(instance);
        this.left(instance, element);
        if (instance.parentId !== null) this.terminateChildren(instance.parentId);
        return this.pathEnded(instance);
      }
      case 'throw': {
        this.entered(instance);
        b.log.event({
          type: activation.signal === 'error' ? 'error.thrown' : 'escalation.thrown',
          elementId: element.id,
          data: { code: activation.code },
        });
        const outcome = b.publication.throw(activation.signal, activation.code, instance.parentId);
        if (outcome === 'uncaught' && activation.signal === 'error') {
          return b.publication.uncaughtError(instance, activation.code, undefined, 'activate');
        }
        // Caught by an interrupting catcher: the thrower was terminated with its scope.
        if (outcome === 'interrupted' || !b.instance(instance.id)) return;
        if (activation.end) {
          this.left(instance, element);
          return this.pathEnded(instance);
        }
        return this.complete(instance);
      }
    }
  }

  entered(instance: ElementInstance): void {
    this.b.log.event({ type: 'element.entered', elementId: instance.elementId });
  }

  /** The instance's work is done with this result (a task's form, a job's result, a message's payload): its handler completes it. */
  completeWork(instance: ElementInstance, result: Variables): void {
    const lifecycle = this.lifecycleOf(instance);
    if (lifecycle.complete) return lifecycle.complete(this.b, instance, result);
    this.complete(instance, result);
  }

  /**
   * Completes an element instance with its result variables: output mappings (or the result
   * itself), then it leaves along its outgoing flows. An inner instance of a multi-instance
   * activity has no flows of its own: it completes into its body.
   */
  complete(instance: ElementInstance, result: Variables = {}): void {
    if (!this.b.variables.applyOutputs(instance, result)) return;
    if (instance.loopIndex !== undefined) {
      const body = instance.parentId === null ? undefined : this.b.instance(instance.parentId);
      if (body) multiInstanceBody.childCompleted(this.b, body, instance);
      return;
    }
    this.leave(instance);
  }

  /** The instance is done: its boundaries close and its token goes on along every outgoing flow. */
  leave(instance: ElementInstance): void {
    const element = this.b.element(instance.elementId);
    this.b.subscriptions.close(instance.id);
    this.left(instance, element);
    this.follow(instance, element.outgoing);
  }

  /** Records that the instance left its element and removes it. */
  private left(instance: ElementInstance, element: FlowElement): void {
    this.b.log.event({ type: 'element.left', elementId: element.id });
    delete this.b.state.instances[instance.id];
  }

  /** One token per flow; with none, the token ends and its scope may be done. */
  follow(instance: ElementInstance, flowIds: readonly string[]): void {
    if (instance.parentId === null) return;
    if (flowIds.length === 0) return this.pathEnded(instance);
    for (const flowId of flowIds) {
      const flow = this.b.model.flows[flowId];
      if (!flow)
        throw new Error(`Element '${instance.elementId}' leaves by flow '${flowId}', which the model lacks`);
      this.b.tokens.enqueue({ elementId: flow.targetId, scopeId: instance.parentId, flowId });
    }
  }

  /** A child's token ended in its scope (it has left): the scope's container decides what follows. */
  pathEnded(child: ElementInstance): void {
    if (child.parentId === null) return;
    const scope = this.b.instance(child.parentId);
    // A body's inner instances complete into it (complete above), never by a path ending.
    if (!scope || scope.state !== 'scope' || scope.body) return;
    this.lifecycleOf(scope).childCompleted?.(this.b, scope, child);
  }

  /** Whether nothing is left in the scope: no child instance, and no token on its way in. */
  isEmpty(scope: ElementInstance): boolean {
    if (Object.values(this.b.state.instances).some((other) => other.parentId === scope.id)) return false;
    return !this.b.tokens.anyInto(scope.id);
  }

  /** Ends an element instance (an interrupting event, a terminate end event, a met completion condition): its handler terminates it. */
  terminate(instance: ElementInstance): void {
    const lifecycle = this.lifecycleOf(instance);
    if (lifecycle.terminate) return lifecycle.terminate(this.b, instance);
    this.terminateElement(instance);
  }

  /**
   * What terminating an element does (a container terminates its children first): its task is
   * cancelled, its job, timers, subscriptions and child case closed, its incidents resolved.
   * `record` false: nothing is recorded (a token waiting at a join was never entered).
   */
  terminateElement(instance: ElementInstance, record = true): void {
    this.b.subscriptions.close(instance.id);
    this.b.incidents.closeOf(instance.id, 'terminated');
    if (record) this.b.log.event({ type: 'element.terminated', elementId: instance.elementId });
    delete this.b.state.instances[instance.id];
  }

  /** Terminates every instance in a scope and every token on its way into it. */
  terminateChildren(scopeId: string): void {
    this.b.tokens.dropScope(scopeId);
    for (const child of Object.values(this.b.state.instances)) {
      if (child.parentId === scopeId && this.b.instance(child.id)) this.terminate(child);
    }
  }
}
