import type { EventTrigger, TimerDefinition } from './model';
import {
  bodyOf,
  elementProp,
  extensionOf,
  listProp,
  stringProp,
  trimmedProp,
  type ModdleElement,
} from './moddle';

/**
 * Reads what makes a parsed element run — its event definition and its Zeebe extensions — as
 * raw, trimmed strings. The validator checks these values and the compiler applies defaults to
 * them, so both read the diagram the same way.
 */

/** Attempts of a job before it raises an incident, when zeebe:taskDefinition says nothing (Zeebe's default). */
export const DEFAULT_RETRIES = 3;

/**
 * The trigger kind of an event, or undefined for a definition the engine does not run
 * (conditional, compensation, …). A message on a throw or end event is 'messageThrow': it
 * sends (a job does), where every other message event waits.
 */
export function triggerKindOf(event: ModdleElement): EventTrigger['kind'] | undefined {
  const definition = eventDefinitionOf(event);
  if (!definition) return 'none';
  const kind = Object.hasOwn(TRIGGER_KINDS, definition.$type) ? TRIGGER_KINDS[definition.$type] : undefined;
  return kind === 'message' && isThrowingEvent(event) ? 'messageThrow' : kind;
}

const TRIGGER_KINDS: Readonly<Record<string, EventTrigger['kind']>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
};

/** Intermediate throw and end events: they throw their trigger instead of waiting for it. */
export function isThrowingEvent(event: ModdleElement): boolean {
  return event.$type === 'bpmn:IntermediateThrowEvent' || event.$type === 'bpmn:EndEvent';
}

/** The event definition of an event (the coverage check rejects events with several). */
export function eventDefinitionOf(event: ModdleElement): ModdleElement | undefined {
  return listProp(event, 'eventDefinitions')[0];
}

export function isNoneStartEvent(element: ModdleElement): boolean {
  return element.$type === 'bpmn:StartEvent' && listProp(element, 'eventDefinitions').length === 0;
}

/** The bpmn:TimerEventDefinition property each timer kind is written in. */
export const TIMER_PROPERTY = { duration: 'timeDuration', date: 'timeDate', cycle: 'timeCycle' } as const;

const TIMER_KINDS = Object.keys(TIMER_PROPERTY) as TimerDefinition['kind'][];

/** Every timer a bpmn:TimerEventDefinition sets (BPMN allows exactly one). */
export function timersOf(definition: ModdleElement): TimerDefinition[] {
  return TIMER_KINDS.flatMap((kind) => {
    const expression = bodyOf(definition, TIMER_PROPERTY[kind]);
    return expression === undefined ? [] : [{ kind, expression }];
  });
}

export interface RawMessage {
  /** The referenced bpmn:Message; absent when messageRef is missing or names nothing. */
  message?: ModdleElement;
  messageName?: string;
  /** zeebe:subscription correlationKey on the message. */
  correlationKey?: string;
}

/** The message of a bpmn:MessageEventDefinition or bpmn:ReceiveTask (both reference it as messageRef). */
export function messageOf(holder: ModdleElement): RawMessage {
  const message = elementProp(holder, 'messageRef');
  if (!message) return {};
  return {
    message,
    messageName: trimmedProp(message, 'name'),
    correlationKey: trimmedProp(extensionOf(message, 'zeebe:Subscription'), 'correlationKey'),
  };
}

export interface RawSignal {
  /** The referenced bpmn:Signal; absent when signalRef is missing or names nothing. */
  signal?: ModdleElement;
  signalName?: string;
}

/** The signal of a bpmn:SignalEventDefinition (signalRef to a bpmn:Signal beside the process). */
export function signalOf(definition: ModdleElement): RawSignal {
  const signal = elementProp(definition, 'signalRef');
  if (!signal) return {};
  return { signal, signalName: trimmedProp(signal, 'name') };
}

/** The name of a bpmn:LinkEventDefinition: what pairs a link throw with its catch. */
export function linkNameOf(definition: ModdleElement): string | undefined {
  return trimmedProp(definition, 'name');
}

/** The code of the bpmn:Error or bpmn:Escalation an event definition references. */
export function codeOf(definition: ModdleElement): { referenced: boolean; code?: string } {
  const isError = definition.$type === 'bpmn:ErrorEventDefinition';
  const referenced = elementProp(definition, isError ? 'errorRef' : 'escalationRef');
  if (!referenced) return { referenced: false };
  const code = trimmedProp(referenced, isError ? 'errorCode' : 'escalationCode');
  return code === undefined ? { referenced: true } : { referenced: true, code };
}

export function taskDefinitionOf(node: ModdleElement): { type?: string; retries?: string } {
  const definition = extensionOf(node, 'zeebe:TaskDefinition');
  return { type: trimmedProp(definition, 'type'), retries: trimmedProp(definition, 'retries') };
}

export interface RawHeader {
  key?: string;
  value: string;
}

export function taskHeadersOf(node: ModdleElement): RawHeader[] {
  const headers = extensionOf(node, 'zeebe:TaskHeaders');
  return (headers ? listProp(headers, 'values') : []).map((header) => ({
    key: trimmedProp(header, 'key'),
    value: stringProp(header, 'value') ?? '',
  }));
}

export interface RawMapping {
  source?: string;
  target?: string;
}

/** zeebe:ioMapping, or undefined when the element has none or it maps nothing. */
export function ioMappingOf(
  node: ModdleElement,
): { inputs: RawMapping[]; outputs: RawMapping[] } | undefined {
  const mapping = extensionOf(node, 'zeebe:IoMapping');
  if (!mapping) return undefined;
  const read = (parameter: ModdleElement): RawMapping => ({
    source: trimmedProp(parameter, 'source'),
    target: trimmedProp(parameter, 'target'),
  });
  const inputs = listProp(mapping, 'inputParameters').map(read);
  const outputs = listProp(mapping, 'outputParameters').map(read);
  return inputs.length + outputs.length === 0 ? undefined : { inputs, outputs };
}

export function scriptOf(node: ModdleElement): { expression?: string; resultVariable?: string } {
  const script = extensionOf(node, 'zeebe:Script');
  return {
    expression: trimmedProp(script, 'expression'),
    resultVariable: trimmedProp(script, 'resultVariable'),
  };
}

export interface RawCalledDecision {
  decisionId?: string;
  resultVariable?: string;
  /** zeebe-bpmn-moddle fills in 'latest' when the attribute is absent. */
  bindingType?: string;
}

/** zeebe:calledDecision of a business rule task, or undefined when it has none. */
export function calledDecisionOf(node: ModdleElement): RawCalledDecision | undefined {
  const called = extensionOf(node, 'zeebe:CalledDecision');
  if (!called) return undefined;
  return {
    decisionId: trimmedProp(called, 'decisionId'),
    resultVariable: trimmedProp(called, 'resultVariable'),
    bindingType: trimmedProp(called, 'bindingType'),
  };
}

export interface RawCalledElement {
  processId?: string;
  /** zeebe-bpmn-moddle fills in 'latest' when the attribute is absent. */
  bindingType?: string;
  propagateAllParentVariables: boolean;
  propagateAllChildVariables: boolean;
}

export function calledElementOf(node: ModdleElement): RawCalledElement {
  const called = extensionOf(node, 'zeebe:CalledElement');
  return {
    processId: trimmedProp(called, 'processId'),
    bindingType: trimmedProp(called, 'bindingType'),
    // Zeebe's defaults: a call activity passes everything both ways unless told otherwise.
    propagateAllParentVariables: called?.propagateAllParentVariables !== false,
    propagateAllChildVariables: called?.propagateAllChildVariables !== false,
  };
}

export interface RawMultiInstance {
  sequential: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
  /** BPMN's own loopCardinality, which Zeebe does not run. */
  loopCardinality?: string;
}

/** bpmn:multiInstanceLoopCharacteristics with its zeebe:loopCharacteristics, or undefined. */
export function multiInstanceOf(node: ModdleElement): RawMultiInstance | undefined {
  const loop = elementProp(node, 'loopCharacteristics');
  if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const zeebe = extensionOf(loop, 'zeebe:LoopCharacteristics');
  return {
    sequential: loop.isSequential === true,
    inputCollection: trimmedProp(zeebe, 'inputCollection'),
    inputElement: trimmedProp(zeebe, 'inputElement'),
    outputCollection: trimmedProp(zeebe, 'outputCollection'),
    outputElement: trimmedProp(zeebe, 'outputElement'),
    completionCondition: bodyOf(loop, 'completionCondition'),
    loopCardinality: bodyOf(loop, 'loopCardinality'),
  };
}

/** A static priority as a number, or undefined when it is not an integer from 0 to 100. */
export function parsePriority(value: string): number | undefined {
  return parseSmallInteger(value, 0, 100);
}

/** Static retries as a number, or undefined when they are not an integer from 1 to 100. */
export function parseRetries(value: string): number | undefined {
  return parseSmallInteger(value, 1, 100);
}

function parseSmallInteger(value: string, min: number, max: number): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return number >= min && number <= max ? number : undefined;
}
