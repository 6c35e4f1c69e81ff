import type { FlowElement } from '../../../bpmn/src/model';
import { endEventHandler } from './event/end-event';
import { startEventHandler } from './event/start-event';
import { exclusiveGatewayHandler } from './gateway/exclusive';
import { parallelGatewayHandler } from './gateway/parallel';
import type { ElementHandler, HandlerTable } from './handler';
import { manualTaskHandler, undefinedTaskHandler } from './task/pass-through-task';
import { userTaskHandler } from './task/user-task';

/** Every element type the compiler emits has exactly one handler here; the type checks it. */
export const HANDLERS: HandlerTable = {
  startEvent: startEventHandler,
  endEvent: endEventHandler,
  userTask: userTaskHandler,
  manualTask: manualTaskHandler,
  task: undefinedTaskHandler,
  exclusiveGateway: exclusiveGatewayHandler,
  parallelGateway: parallelGatewayHandler,
};

/**
 * The handler for an element. A model from a newer compiler (an element type this engine does
 * not know) is a programmer error, so it throws, naming the type.
 */
export function handlerFor(element: FlowElement): ElementHandler<FlowElement> {
  if (!Object.hasOwn(HANDLERS, element.type)) {
    throw new Error(`No engine handler for element type '${String(element.type)}' (element '${element.id}')`);
  }
  // The table pairs each type with its own handler, so this element fits the one it selects.
  return HANDLERS[element.type] as unknown as ElementHandler<FlowElement>;
}

export type { Activation, ElementHandler, HandlerTable } from './handler';
