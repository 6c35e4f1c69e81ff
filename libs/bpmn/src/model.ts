import type { ProblemCode, ProblemParam } from './problem-messages';

/**
 * The compiled, serialisable form of one BPMN process. It is plain data (JSON round-trips it
 * unchanged) because it travels inside Temporal workflow inputs and is stored in PostgreSQL.
 * Expressions keep their FEEL source: a string starting with '=' is FEEL, anything else is a
 * static value (the Zeebe convention).
 */
export interface ProcessModel {
  /** The BPMN process id: the definition's key. */
  id: string;
  name?: string;
  /** Every flow node of the process (sub-process contents included), by element id. */
  elements: Record<string, FlowElement>;
  /** Every sequence flow, by id. */
  flows: Record<string, SequenceFlow>;
  /** None start events of the process at top level: where a started instance begins. */
  startEventIds: string[];
  /** Message, timer and signal start events at top level: each starts a new instance when triggered. */
  triggeredStartEventIds: string[];
  /** Event sub-processes directly inside the process. */
  eventSubProcessIds: string[];
}

export type ElementType =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'userTask'
  | 'manualTask'
  | 'task'
  | 'serviceTask'
  | 'sendTask'
  | 'receiveTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition (with its leading '='), when the flow has one. */
  condition?: string;
}

export interface BaseElement {
  id: string;
  type: ElementType;
  name?: string;
  /** Ids of incoming and outgoing sequence flows, in document order. */
  incoming: string[];
  outgoing: string[];
  /** The sub-process (embedded or event) that contains the element; absent at process level. */
  parentId?: string;
}

/** One zeebe:input or zeebe:output: `source` is FEEL ('=…') or a static value. */
export interface VariableMapping {
  source: string;
  /** A variable name, or a dotted path ('result.score') into a context. */
  target: string;
}

export interface IoMapping {
  inputs: VariableMapping[];
  outputs: VariableMapping[];
}

/** zeebe:loopCharacteristics on bpmn:multiInstanceLoopCharacteristics. */
export interface MultiInstance {
  sequential: boolean;
  /** FEEL yielding a list: one inner instance per item. */
  inputCollection: string;
  /** Local variable holding the item in each inner instance. */
  inputElement?: string;
  /** Variable, in the activity's scope, that collects `outputElement` of every inner instance. */
  outputCollection?: string;
  /** FEEL evaluated in each inner instance when it completes. */
  outputElement?: string;
  /** FEEL evaluated after each inner instance completes; true ends the whole activity. */
  completionCondition?: string;
}

/** Everything that can do work or contain it: tasks, sub-processes, call activities. */
export interface ActivityBase extends BaseElement {
  /** Boundary events attached to the activity, in document order. */
  boundaryEventIds: string[];
  ioMapping?: IoMapping;
  multiInstance?: MultiInstance;
}

/** A timer: ISO 8601 duration ('PT24H'), date-time, or repeating cycle ('R3/PT1H'); or FEEL yielding one. */
export interface TimerDefinition {
  kind: 'duration' | 'date' | 'cycle';
  expression: string;
}

/** A bpmn:Message with its zeebe:subscription: name static or FEEL, correlation key FEEL. */
export interface MessageDefinition {
  messageName: string;
  /** Absent for message start events of the process, which start new instances. */
  correlationKey?: string;
}

/**
 * Work a handler registered in the worker does (zeebe:taskDefinition, zeebe:taskHeaders): what
 * service and send tasks, and message throw and end events, run as a job.
 */
export interface JobDefinition {
  jobType: string;
  /** Attempts before an incident (zeebe:taskDefinition retries, default 3). */
  retries: number;
  /** zeebe:taskHeaders: static configuration handed to the handler. */
  headers: Record<string, string>;
}

export type EventTrigger =
  | { kind: 'none' }
  | { kind: 'timer'; timer: TimerDefinition }
  | ({ kind: 'message' } & MessageDefinition)
  /**
   * A message throw or end event: as in Zeebe it is a job of its type (like a send task), the
   * handler sends the message (docs/bpmn-elements.md#message-throw-and-end-events).
   */
  | { kind: 'messageThrow'; job: JobDefinition }
  /** A bpmn:Signal's name, static or FEEL (static on a top-level start event). Broadcast, never correlated. */
  | { kind: 'signal'; signalName: string }
  /**
   * A link event. The compiler resolves every throw to the catch of the same name in its scope
   * and joins them with a flow of its own (`<throw id>#link`), so a link only passes through.
   */
  | { kind: 'link'; linkName: string }
  /** `errorCode` absent on a catching event: it catches every error. */
  | { kind: 'error'; errorCode?: string }
  /** `escalationCode` absent on a catching event: it catches every escalation. */
  | { kind: 'escalation'; escalationCode?: string }
  | { kind: 'terminate' };

export type TriggerOf<K extends EventTrigger['kind']> = Extract<EventTrigger, { kind: K }>;

export interface StartEventElement extends BaseElement {
  type: 'startEvent';
  trigger: EventTrigger & { kind: 'none' | 'timer' | 'message' | 'signal' | 'error' | 'escalation' };
  /** For the start event of an event sub-process: whether it interrupts its enclosing scope. */
  interrupting: boolean;
  ioMapping?: IoMapping;
}

export interface EndEventElement extends BaseElement {
  type: 'endEvent';
  trigger: EventTrigger & {
    kind: 'none' | 'terminate' | 'error' | 'escalation' | 'messageThrow' | 'signal';
  };
  ioMapping?: IoMapping;
}

export interface IntermediateCatchEventElement extends BaseElement {
  type: 'intermediateCatchEvent';
  trigger: EventTrigger & { kind: 'timer' | 'message' | 'signal' | 'link' };
  ioMapping?: IoMapping;
}

export interface IntermediateThrowEventElement extends BaseElement {
  type: 'intermediateThrowEvent';
  trigger: EventTrigger & { kind: 'none' | 'escalation' | 'messageThrow' | 'signal' | 'link' };
  ioMapping?: IoMapping;
}

export interface BoundaryEventElement extends BaseElement {
  type: 'boundaryEvent';
  attachedToId: string;
  /** Interrupting (true, the BPMN default) cancels the activity it is attached to. */
  cancelActivity: boolean;
  trigger: EventTrigger & { kind: 'timer' | 'message' | 'signal' | 'error' | 'escalation' };
  ioMapping?: IoMapping;
}

export interface UserTaskAssignment {
  assignee?: string;
  /** Comma-separated role names, or FEEL yielding a list. */
  candidateGroups?: string;
  /** Comma-separated usernames, or FEEL yielding a list. */
  candidateUsers?: string;
}

export interface UserTaskElement extends ActivityBase {
  type: 'userTask';
  assignment: UserTaskAssignment;
  formId?: string;
  /**
   * zeebe:formDefinition formKey of a job-worker user task (Camunda before 8.6): either
   * 'camunda-forms:bpmn:<id>', a form embedded in the process (zeebe:userTaskForm) that the
   * deploy stores under this key, or a custom key kept on the task for an outside form.
   */
  formKey?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: number;
}

/**
 * A service or send task: work done by a handler registered in the worker under `jobType`. A
 * business rule task is one too: with zeebe:taskDefinition a plain job (as in Zeebe), with
 * zeebe:calledDecision a job of the internal type INTERNAL_JOB_TYPES.evaluateDecision whose
 * headers are `decisionId` (static or FEEL) and `resultVariable` (calledDecisionOf reads them).
 */
export interface JobTaskElement extends ActivityBase, JobDefinition {
  type: 'serviceTask' | 'sendTask' | 'businessRuleTask';
}

export interface ReceiveTaskElement extends ActivityBase {
  type: 'receiveTask';
  message: MessageDefinition;
}

/** zeebe:script: a FEEL expression whose value is stored in `resultVariable`. */
export interface ScriptTaskElement extends ActivityBase {
  type: 'scriptTask';
  expression: string;
  resultVariable: string;
}

export interface PlainTaskElement extends ActivityBase {
  type: 'manualTask' | 'task';
}

export interface GatewayElement extends BaseElement {
  type: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway';
  /** Default flow id of an exclusive or inclusive gateway. */
  defaultFlowId?: string;
}

export interface SubProcessElement extends ActivityBase {
  type: 'subProcess';
  /** An event sub-process: started by its start event's trigger while its parent scope is active. */
  triggeredByEvent: boolean;
  /** The none start event inside an embedded sub-process; the triggered one inside an event sub-process. */
  startEventIds: string[];
  /** Event sub-processes directly inside this one. */
  eventSubProcessIds: string[];
}

export interface CallActivityElement extends ActivityBase {
  type: 'callActivity';
  /** The BPMN process id of the called definition (latest version), static or FEEL. */
  calledProcessId: string;
  /** Whether the child starts with all of the parent's visible variables (Zeebe default true). */
  propagateAllParentVariables: boolean;
  /** Whether all of the child's variables come back to the parent (Zeebe default true). */
  propagateAllChildVariables: boolean;
}

export type FlowElement =
  | StartEventElement
  | EndEventElement
  | IntermediateCatchEventElement
  | IntermediateThrowEventElement
  | BoundaryEventElement
  | UserTaskElement
  | JobTaskElement
  | ReceiveTaskElement
  | ScriptTaskElement
  | PlainTaskElement
  | GatewayElement
  | SubProcessElement
  | CallActivityElement;

export type ActivityElement =
  | UserTaskElement
  | JobTaskElement
  | ReceiveTaskElement
  | ScriptTaskElement
  | PlainTaskElement
  | SubProcessElement
  | CallActivityElement;

const ACTIVITY_TYPES: ReadonlySet<ElementType> = new Set([
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'scriptTask',
  'businessRuleTask',
  'manualTask',
  'task',
  'subProcess',
  'callActivity',
]);

export function isActivity(element: FlowElement): element is ActivityElement {
  return ACTIVITY_TYPES.has(element.type);
}

/**
 * One thing wrong with a diagram; the deploy API returns every one of them at once. `code` and
 * `params` are the problem as data (problem-messages.ts renders them in the reader's language);
 * `message` is its English rendering.
 */
export interface DiagramProblem {
  elementId: string;
  elementType: string;
  code: ProblemCode;
  params: Record<string, ProblemParam>;
  message: string;
}

export type CompileResult =
  | {
      ok: true;
      model: ProcessModel;
      warnings: DiagramProblem[];
      /**
       * Forms embedded in the diagram (zeebe:userTaskForm) that user tasks link by formKey, by
       * that key ('camunda-forms:bpmn:<id>'): the deploy stores them with the definition's forms.
       * Absent when there are none.
       */
      embeddedForms?: Record<string, unknown>;
    }
  | { ok: false; errors: DiagramProblem[] };
