import type { ProcessModel } from '../../bpmn/src/workflow';
import type { CaseCalendar } from '../../domain/src/calendar';

// The calendar type travels with the engine's types, so libs/contracts names it without a lib edge.
export type { CaseCalendar } from '../../domain/src/calendar';

/** Values the engine needs from outside. It has no clock and no randomness of its own. */
export interface EngineContext {
  /** The current time as an ISO 8601 UTC string (workflow time inside Temporal). */
  now: string;
  /** Returns a fresh unique id (uuid4 from the workflow sandbox, a counter in tests). */
  newId: () => string;
  /**
   * The case's calendar, for FEEL's school-day functions (docs/calendars.md): fixed in the case
   * when it starts and replaced by a calendar-changed signal. Without one, Monday to Friday.
   */
  calendar?: CaseCalendar;
}

export type Variables = Record<string, unknown>;

/**
 * A live element instance (Zeebe's element instance). Only what waits is kept: an element a
 * token passes straight through is entered and left within one step and leaves no trace here.
 *
 * - scope: a container with children and its own variables (the process, a sub-process, an
 *   event sub-process, a multi-instance body or one of its inner instances).
 * - waiting: a wait state (user task, job, timer, message, receive task, event-based gateway,
 *   call activity).
 * - joining: a token at a parallel or inclusive gateway waiting for the other arrivals.
 * - incident: stopped by an incident; resolving it retries what failed.
 */
export interface ElementInstance {
  id: string;
  /** The model element; the process id for the root instance. */
  elementId: string;
  /** The enclosing scope instance; null for the root. */
  parentId: string | null;
  state: 'scope' | 'waiting' | 'joining' | 'incident';
  /** The sequence flow the token arrived by: how a joining gateway counts arrivals. */
  flowId?: string;
  /** Local variables (scopes, and activities with input mappings). */
  variables?: Variables;
  /** Set on a multi-instance body. */
  loop?: LoopState;
  /** Set on an inner instance of a multi-instance body: its 0-based position. */
  loopIndex?: number;
  /** True for the multi-instance body of an activity (the inner instances are its children). */
  body?: boolean;
}

export interface LoopState {
  items: unknown[];
  /** The next item to start (sequential) or items.length once all started. */
  next: number;
  completed: number;
  /** outputElement values by position; null until that inner instance completes. */
  outputs: unknown[];
}

export interface OpenTask {
  taskId: string;
  instanceId: string;
  elementId: string;
  assignee?: string;
}

export interface OpenJob {
  jobId: string;
  instanceId: string;
  elementId: string;
}

export interface OpenTimer {
  timerId: string;
  /** The timer event (catch, boundary or event sub-process start). */
  elementId: string;
  /** The instance that owns it: the catch event, the activity a boundary is attached to, the scope of an event sub-process, or an event-based gateway. */
  ownerId: string;
  dueAt: string;
  /** A cycle's interval and remaining repetitions (null: forever). */
  repeat?: { interval: string; remaining: number | null };
}

/**
 * What an open subscription waits for: a message (name and correlation key), or a signal (a
 * name only: a signal is broadcast to every subscription of its name, docs/signals.md). States
 * recorded before signals existed hold message subscriptions without `kind`.
 */
export type SubscriptionTarget =
  | { kind?: 'message'; messageName: string; correlationKey: string }
  | { kind: 'signal'; signalName: string; messageName?: never; correlationKey?: never };

export type OpenSubscription = {
  subscriptionId: string;
  elementId: string;
  ownerId: string;
} & SubscriptionTarget;

export interface OpenChild {
  childId: string;
  instanceId: string;
  elementId: string;
}

/** An incident: the element instance waits until it is resolved (retry after fixing variables). */
export interface OpenIncident {
  incidentId: string;
  instanceId: string;
  elementId: string;
  message: string;
  /**
   * What to retry: activating the element, completing it (output mappings), its own work (a
   * job, or a call activity's child case; its boundary events stay open), or opening the
   * triggers of the process's event sub-processes.
   */
  retry: 'activate' | 'complete' | 'job' | 'trigger';
  /** For `complete`: the result variables to apply again. */
  variables?: Variables;
}

/** Which errors a catcher can take: the listed codes, or every code. */
export interface ErrorCatchers {
  codes: string[];
  all: boolean;
}

/** The whole state of one running instance: plain data, carried across continue-as-new. */
export interface EngineState {
  processId: string;
  /**
   * For a case started by a call activity: the errors the calling case can catch there. An
   * error this case does not catch but the caller does ends this case and goes to the caller.
   */
  parentCatches?: ErrorCatchers;
  status: 'active' | 'completed' | 'cancelled';
  rootId: string;
  instances: Record<string, ElementInstance>;
  tasks: Record<string, OpenTask>;
  jobs: Record<string, OpenJob>;
  timers: Record<string, OpenTimer>;
  subscriptions: Record<string, OpenSubscription>;
  children: Record<string, OpenChild>;
  incidents: Record<string, OpenIncident>;
}

/**
 * What the engine records for the audit trail; the projection hash-chains these. Two events carry
 * values that never reach the chain: `task.completed`'s `data.submitted` (what the task was
 * completed with) and `incident.resolved`'s `data.changes` (each variable the retry set, with its
 * value before and after). The projection writer replaces them with field keys and SHA-256
 * hashes (libs/persistence/src/audit-digests.ts).
 */
export interface EngineEvent {
  type:
    | 'instance.started'
    | 'instance.completed'
    | 'instance.terminated'
    | 'instance.cancelled'
    | 'element.entered'
    | 'element.left'
    | 'element.terminated'
    | 'task.opened'
    | 'task.completed'
    | 'task.assigned'
    | 'job.completed'
    | 'timer.fired'
    | 'message.correlated'
    | 'signal.received'
    | 'error.thrown'
    | 'escalation.thrown'
    | 'incident.raised'
    | 'incident.resolved';
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
  /** A job-worker user task's zeebe:formDefinition formKey (an embedded form's key, or a custom one). */
  formKey?: string;
  /**
   * Variables the task sees beyond the process-level ones: those of its sub-process scopes,
   * its input mappings and its multi-instance item. Absent when there are none.
   */
  localVariables?: Variables;
}

export interface JobSpec {
  jobId: string;
  elementId: string;
  jobType: string;
  retries: number;
  headers: Record<string, string>;
  /** The variables the element sees (its input mappings applied). */
  variables: Variables;
}

export interface TimerSpec {
  timerId: string;
  elementId: string;
  dueAt: string;
}

export type SubscriptionSpec = {
  subscriptionId: string;
  elementId: string;
} & SubscriptionTarget;

export interface ChildSpec {
  childId: string;
  elementId: string;
  processId: string;
  variables: Variables;
  /** The errors the call activity and the scopes around it can catch (handed to the child). */
  catches: ErrorCatchers;
}

export interface IncidentSpec {
  incidentId: string;
  elementId: string;
  message: string;
}

/** What the workflow shell must carry out after a step. */
export type Command =
  | { type: 'openUserTask'; task: UserTaskSpec }
  | { type: 'assignUserTask'; taskId: string; assignee: string | null; actor?: string }
  | { type: 'closeUserTask'; taskId: string; state: 'completed' | 'cancelled'; actor?: string }
  | { type: 'startJob'; job: JobSpec }
  | { type: 'cancelJob'; jobId: string }
  | { type: 'startTimer'; timer: TimerSpec }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'openSubscription'; subscription: SubscriptionSpec }
  | { type: 'closeSubscription'; subscriptionId: string; state: 'correlated' | 'cancelled' }
  | { type: 'startChild'; child: ChildSpec }
  | { type: 'cancelChild'; childId: string }
  | { type: 'raiseIncident'; incident: IncidentSpec }
  | { type: 'resolveIncident'; incidentId: string }
  | { type: 'completeInstance' }
  /** This case ended by an error its calling case catches: hand it to the caller. */
  | { type: 'throwToParent'; errorCode: string; message: string };

export interface Step {
  state: EngineState;
  commands: Command[];
  events: EngineEvent[];
}

/**
 * A refused request (a task that is not open, a message nobody waits for): the state is
 * unchanged. Failures while running a diagram are never refusals: they become incidents.
 */
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
