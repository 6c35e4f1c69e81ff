import type { ElementType, FlowElement, ProcessModel } from '../../../bpmn/src/workflow';
import type { Behaviors } from '../behaviors/behaviors';
import type { Fired } from '../behaviors/event-subscriptions';
import type {
  ChildSpec,
  ElementInstance,
  EngineContext,
  EngineFailure,
  JobSpec,
  SubscriptionSpec,
  TimerSpec,
  UserTaskSpec,
  Variables,
} from '../types';

/** What a handler sees when a token arrives at its element. Read-only: handlers decide, the behaviours act. */
export interface ActivationInput<E extends FlowElement> {
  element: E;
  model: ProcessModel;
  /** The element instance being activated (its id is the task or job id when it waits for one). */
  instanceId: string;
  /** The sequence flow the token arrived by (none for start and boundary events). */
  flowId?: string;
  /** Every variable the element sees: its scopes' and its own input mappings. */
  variables: Readonly<Variables>;
  /** The element's own variables (its input mappings, a multi-instance item). */
  localVariables: Readonly<Variables>;
  /** Tokens already joining at this element in the same scope (earliest first), with the flow each came by. */
  waiting: readonly { id: string; flowId?: string }[];
  /** For an inclusive join: whether a token still live in the scope can reach this incoming flow. */
  canStillArrive: (flowId: string) => boolean;
  ctx: EngineContext;
}

/** A subscription spec before it is given its id (Omit that keeps message and signal apart). */
type WithoutId<T> = T extends unknown ? Omit<T, 'subscriptionId'> : never;

/** Work an element waits for; the event subscriptions behaviour opens it and gives it an id. */
export type Wait =
  | { kind: 'task'; task: Omit<UserTaskSpec, 'taskId'> }
  | { kind: 'job'; job: Omit<JobSpec, 'jobId'> }
  | {
      kind: 'timer';
      timer: Omit<TimerSpec, 'timerId'>;
      repeat?: { interval: string; remaining: number | null };
    }
  | { kind: 'subscription'; subscription: WithoutId<SubscriptionSpec> }
  | { kind: 'child'; child: Omit<ChildSpec, 'childId' | 'catches'> };

/**
 * A handler's decision; the state transitions (behaviors/state-transitions.ts) carry it out.
 * - complete: the element's work is done at once; it completes (output mappings) and its token
 *   goes on along every outgoing flow. `variables` are its result (a script's value).
 * - leave: a gateway's choice: go on along `flowIds`; `joined` tokens are merged into this one.
 * - join: wait at this gateway for more arrivals.
 * - wait: the element is entered and waits for the work listed.
 * - enterScope: a sub-process is entered and its start event activated.
 * - end: the token is consumed (none end event, after its output mappings).
 * - terminate: every token of the scope ends (terminate end event).
 * - throw: an error or escalation is thrown to the nearest catcher; `end` says whether the
 *   token ends here or (for an uncaught or non-interrupting escalation) goes on.
 * - a failure: an incident at the element; it waits until the incident is resolved.
 */
export type Activation =
  | { kind: 'complete'; variables?: Variables }
  | { kind: 'leave'; flowIds: readonly string[]; joined?: readonly string[] }
  | { kind: 'join' }
  | { kind: 'wait'; waits: Wait[] }
  | { kind: 'enterScope'; startEventId: string }
  | { kind: 'end' }
  | { kind: 'terminate' }
  | { kind: 'throw'; signal: 'error' | 'escalation'; code: string; end: boolean }
  | EngineFailure;

/**
 * What happens to an instance after it was activated (Zeebe's BpmnElementProcessor and
 * BpmnElementContainerProcessor). Every hook is optional: without it the shared default in
 * behaviors/ applies, so a simple element is just its `activate` decision.
 */
export interface Lifecycle {
  /**
   * Its work is done with this result (a user task completed, a job or called case finished, the
   * event it waited for came). Default: `transitions.complete` (output mappings, then it leaves
   * along every outgoing flow).
   */
  complete?(b: Behaviors, instance: ElementInstance, result: Variables): void;
  /**
   * It is ended from outside (an interrupting event, a terminate end event, a met completion
   * condition). Default: `transitions.terminateElement` (what it waits on closes, its incidents
   * resolve, element.terminated is recorded). A container terminates its children first.
   */
  terminate?(b: Behaviors, instance: ElementInstance): void;
  /**
   * A timer or message fired that this element catches: for an owner that waits on several
   * events itself (event-based gateway), or for the event element whose trigger it is (boundary
   * event, event sub-process start). Default: the owner waited for it itself and completes.
   */
  trigger?(b: Behaviors, owner: ElementInstance, event: FlowElement, fired: Fired): void;
  /**
   * Container hook: a child of `scope` completed. For a process or sub-process the child's token
   * ended there (it has left); for a multi-instance body the child is an inner instance that
   * completed, still in the state for the body to collect its output.
   */
  childCompleted?(b: Behaviors, scope: ElementInstance, child: ElementInstance): void;
}

/**
 * One handler per element type. `activate` only decides (read-only input, a decision out); the
 * state transitions carry the decision out. The other hooks act through the behaviours.
 */
export interface ElementHandler<E extends FlowElement> extends Lifecycle {
  activate(input: ActivationInput<E>): Activation;
}

/** The element interface(s) whose `type` admits T (GatewayElement serves four types). */
export type ElementOfType<T extends ElementType> = FlowElement extends infer E
  ? E extends FlowElement
    ? T extends E['type']
      ? E
      : never
    : never
  : never;

export type HandlerTable = { [T in ElementType]: ElementHandler<ElementOfType<T>> };

export function failure(elementId: string, message: string): EngineFailure {
  return { kind: 'failure', elementId, message };
}

/** Completes at once: start events, manual and undefined tasks, boundary events once triggered. */
export const completeAtOnce = { activate: () => ({ kind: 'complete' }) as const };

/** A container (sub-process, multi-instance body) ends what runs in it before it ends itself. */
export function terminateScope(b: Behaviors, instance: ElementInstance): void {
  b.transitions.terminateChildren(instance.id);
  b.transitions.terminateElement(instance);
}
