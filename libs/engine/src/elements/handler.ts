import type { ElementType, FlowElement, ProcessModel } from '../../../bpmn/src/model';
import type { EngineContext, EngineFailure, Token, UserTaskSpec, Variables } from '../types';

/** What a handler sees when a token arrives at its element. Read-only: handlers decide, the engine moves. */
export interface ActivationInput<E extends FlowElement> {
  element: E;
  model: ProcessModel;
  variables: Readonly<Variables>;
  /** The arriving token; `flowId` is the sequence flow it came by (none for a start event). */
  token: Token;
  /** Tokens already waiting at this element (a joining gateway's earlier arrivals). */
  waiting: readonly Token[];
  ctx: EngineContext;
}

/** What a handler sees when work it waited for (a user task) is done. */
export interface CompletionInput<E extends FlowElement> {
  element: E;
  model: ProcessModel;
  /** The process variables, completion variables already merged in. */
  variables: Readonly<Variables>;
  ctx: EngineContext;
}

/**
 * A handler's decision; the engine's one transition function (engine.ts) carries it out.
 * - leave: the element is entered and left at once; the token goes on along `flowIds` (one
 *   token per flow; none ends the token). `joined` are waiting tokens merged into it.
 * - openTask: the element is entered and the token waits for the task to be completed.
 * - wait: the token waits here without entering the element (a join still missing arrivals).
 * - a failure: the whole step is refused and the instance stays as it was (an incident).
 */
export type Activation =
  | { kind: 'leave'; flowIds: readonly string[]; joined?: readonly string[] }
  | { kind: 'openTask'; task: UserTaskSpec }
  | { kind: 'wait' }
  | EngineFailure;

/** A completion decision: leave along flows, or fail. */
export type Completion = Extract<Activation, { kind: 'leave' }> | EngineFailure;

/**
 * One handler per element type (Zeebe's BpmnElementProcessor shape). `complete` is only called
 * for elements that opened a task; the default takes every outgoing flow. Later lifecycle steps
 * (terminate, for boundary events and terminate end events) join here with no-op defaults.
 */
export interface ElementHandler<E extends FlowElement> {
  activate(input: ActivationInput<E>): Activation;
  complete(input: CompletionInput<E>): Completion;
}

export type ElementOfType<T extends ElementType> = FlowElement & { type: T };

export type HandlerTable = { [T in ElementType]: ElementHandler<ElementOfType<T>> };

/** Fills in the default lifecycle steps. */
export function defineHandler<E extends FlowElement>(
  handler: Pick<ElementHandler<E>, 'activate'> & Partial<ElementHandler<E>>,
): ElementHandler<E> {
  return {
    complete: ({ element }) => ({ kind: 'leave', flowIds: element.outgoing }),
    ...handler,
  };
}

/** Leaves along every outgoing flow: BPMN's implicit parallel split for events and tasks. */
export function leaveAlongAllFlows(input: { element: FlowElement }): Activation {
  return { kind: 'leave', flowIds: input.element.outgoing };
}

export function failure(elementId: string, message: string): EngineFailure {
  return { kind: 'failure', elementId, message };
}
