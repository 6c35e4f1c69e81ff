import type { FlowElement } from '../../../bpmn/src/workflow';
import { callActivityHandler, subProcessHandler } from './container/containers';
import { boundaryEventHandler } from './event/boundary-event';
import {
  endEventHandler,
  intermediateCatchEventHandler,
  intermediateThrowEventHandler,
  startEventHandler,
} from './event/events';
import { eventBasedGatewayHandler } from './gateway/event-based-gateway';
import { exclusiveGatewayHandler, parallelGatewayHandler } from './gateway/gateways';
import { inclusiveGatewayHandler } from './gateway/inclusive-gateway';
import type { ElementHandler, HandlerTable } from './handler';
import {
  jobTaskHandler,
  manualTaskHandler,
  receiveTaskHandler,
  scriptTaskHandler,
  undefinedTaskHandler,
} from './task/tasks';
import { userTaskHandler } from './task/user-task';

/**
 * Every element type the compiler emits has exactly one handler here; the type checks it. A new
 * element type is its handler's file and one entry here (docs/adr/0008-engine-element-lifecycle.md).
 */
export const HANDLERS: HandlerTable = {
  startEvent: startEventHandler,
  endEvent: endEventHandler,
  intermediateCatchEvent: intermediateCatchEventHandler,
  intermediateThrowEvent: intermediateThrowEventHandler,
  boundaryEvent: boundaryEventHandler,
  userTask: userTaskHandler,
  manualTask: manualTaskHandler,
  task: undefinedTaskHandler,
  serviceTask: jobTaskHandler,
  sendTask: jobTaskHandler,
  businessRuleTask: jobTaskHandler,
  receiveTask: receiveTaskHandler,
  scriptTask: scriptTaskHandler,
  exclusiveGateway: exclusiveGatewayHandler,
  parallelGateway: parallelGatewayHandler,
  inclusiveGateway: inclusiveGatewayHandler,
  eventBasedGateway: eventBasedGatewayHandler,
  subProcess: subProcessHandler,
  callActivity: callActivityHandler,
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

export type { Activation, ElementHandler, HandlerTable, Lifecycle, Wait } from './handler';
