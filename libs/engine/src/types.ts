import type { ProcessModel } from '../../bpmn/src/model';

/** Values the engine needs from outside. It has no clock and no randomness of its own. */
export interface EngineContext {
  /** The current time as an ISO 8601 UTC string (workflow time inside Temporal). */
  now: string;
  /** Returns a fresh unique id (uuid4 from the workflow sandbox, a counter in tests). */
  newId: () => string;
}

export type Variables = Record<string, unknown>;

export interface Token {
  id: string;
  elementId: string;
  /** The sequence flow the token arrived by: how a joining parallel gateway counts arrivals. */
  flowId?: string;
}

export interface OpenTask {
  taskId: string;
  tokenId: string;
  elementId: string;
}

/** The whole state of one running instance: plain data, carried across continue-as-new. */
export interface EngineState {
  processId: string;
  status: 'active' | 'completed' | 'cancelled';
  variables: Variables;
  tokens: Token[];
  tasks: Record<string, OpenTask>;
}

/** What the engine records for the audit trail; the projection hash-chains these. */
export interface EngineEvent {
  type:
    | 'instance.started'
    | 'instance.completed'
    | 'instance.cancelled'
    | 'element.entered'
    | 'element.left'
    | 'task.opened'
    | 'task.completed';
  at: string;
  elementId?: string;
  actor?: string;
  data?: Record<string, unknown>;
}

export interface UserTaskSpec {
  taskId: string;
  elementId: string;
  name?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt?: string;
  followUpAt?: string;
  priority: number;
  formId?: string;
}

/** What the workflow shell must carry out after a step. */
export type Command =
  | { type: 'openUserTask'; task: UserTaskSpec }
  | { type: 'closeUserTask'; taskId: string; state: 'completed' | 'cancelled'; actor?: string }
  | { type: 'completeInstance' };

export interface Step {
  state: EngineState;
  commands: Command[];
  events: EngineEvent[];
}

/** A run-time failure as a value (STYLE.md): it becomes an incident, never an exception. */
export interface EngineFailure {
  kind: 'failure';
  elementId: string;
  message: string;
}

export interface TaskCompletion {
  taskId: string;
  variables: Variables;
  actor: string;
}

export type { ProcessModel };
