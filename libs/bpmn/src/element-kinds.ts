import type { ModdleElement } from './moddle';

/** BPMN flow node types by kind, as moddle names them (supported or not: the coverage map decides that). */
export const EVENT_TYPES: readonly string[] = [
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
];

export const ACTIVITY_TYPES: readonly string[] = [
  'bpmn:Task',
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:SubProcess',
  'bpmn:AdHocSubProcess',
  'bpmn:Transaction',
  'bpmn:CallActivity',
];

export const isEventNode = (node: ModdleElement): boolean => EVENT_TYPES.includes(node.$type);
export const isActivityNode = (node: ModdleElement): boolean => ACTIVITY_TYPES.includes(node.$type);
