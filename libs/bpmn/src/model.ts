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
}

export type ElementType =
  'startEvent' | 'endEvent' | 'userTask' | 'manualTask' | 'task' | 'exclusiveGateway' | 'parallelGateway';

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
}

export interface UserTaskAssignment {
  assignee?: string;
  /** Comma-separated role names, or FEEL yielding a list. */
  candidateGroups?: string;
  /** Comma-separated usernames, or FEEL yielding a list. */
  candidateUsers?: string;
}

export interface UserTaskElement extends BaseElement {
  type: 'userTask';
  assignment: UserTaskAssignment;
  formId?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: number;
}

export interface GatewayElement extends BaseElement {
  type: 'exclusiveGateway' | 'parallelGateway';
  /** Default flow id of an exclusive gateway. */
  defaultFlowId?: string;
}

export interface PlainElement extends BaseElement {
  type: 'startEvent' | 'endEvent' | 'manualTask' | 'task';
}

export type FlowElement = UserTaskElement | GatewayElement | PlainElement;

/** One thing wrong with a diagram; the deploy API returns every one of them at once. */
export interface DiagramProblem {
  elementId: string;
  elementType: string;
  message: string;
}

export type CompileResult =
  { ok: true; model: ProcessModel; warnings: DiagramProblem[] } | { ok: false; errors: DiagramProblem[] };
