import type { ElementType, FlowElement, ProcessModel } from '../../../bpmn/src/workflow';
import type {
  ChildSpec,
  EngineContext,
  EngineFailure,
  JobSpec,
  SubscriptionSpec,
  TimerSpec,
  UserTaskSpec,
  Variables,
} from '../types';

/** What a handler sees when a token arrives at its element. Read-only: handlers decide, the runtime moves. */
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

/** Work an element waits for; the runtime opens it and gives it an id. */
export type Wait =
  | { kind: 'task'; task: Omit<UserTaskSpec, 'taskId'> }
  | { kind: 'job'; job: Omit<JobSpec, 'jobId'> }
  | {
      kind: 'timer';
      timer: Omit<TimerSpec, 'timerId'>;
      repeat?: { interval: string; remaining: number | null };
    }
  | { kind: 'subscription'; subscription: Omit<SubscriptionSpec, 'subscriptionId'> }
  | { kind: 'child'; child: Omit<ChildSpec, 'childId' | 'catches'> };

/**
 * A handler's decision; the runtime (runtime.ts) carries it out.
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
 * One handler per element type (Zeebe's BpmnElementProcessor shape). Completion, termination
 * and the triggers of events and boundaries are the same for every element, so they live in
 * the runtime, the one transition function.
 */
export interface ElementHandler<E extends FlowElement> {
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
