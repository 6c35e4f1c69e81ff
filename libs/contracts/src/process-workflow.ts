import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ProcessModel } from '../../bpmn/src/workflow';
import type {
  CaseCalendar,
  EngineEvent,
  ErrorCatchers,
  IncidentSpec,
  JobSpec,
  SubscriptionSpec,
  UserTaskSpec,
  Variables,
} from '../../engine/src';

/**
 * The contract between the api, the `runProcess` workflow and the worker's activities. Plain
 * data only: it crosses the Temporal boundary and is replayed from history.
 */
export const RUN_PROCESS_WORKFLOW = 'runProcess';

/*
 * The case workflow's Updates, each defined once with its argument and result types: the
 * workflow registers its handlers with these and every client (the api, tests, benchmarks)
 * sends them, so no Update is called by a bare string. Their names are in recorded histories:
 * never rename one.
 */
export const COMPLETE_TASK_UPDATE = defineUpdate<CompleteTaskResult, [CompleteTaskArgs]>('completeTask');
export const CLAIM_TASK_UPDATE = defineUpdate<TaskAssignmentResult, [ClaimTaskArgs]>('claimTask');
export const UNCLAIM_TASK_UPDATE = defineUpdate<TaskAssignmentResult, [ClaimTaskArgs]>('unclaimTask');
export const ASSIGN_TASK_UPDATE = defineUpdate<TaskAssignmentResult, [AssignTaskArgs]>('assignTask');
export const CORRELATE_MESSAGE_UPDATE = defineUpdate<CorrelateMessageResult, [CorrelateMessageArgs]>(
  'correlateMessage',
);
/** A broadcast signal reaches the case: every subscription of its name triggers (docs/signals.md). */
export const TRIGGER_SIGNAL_UPDATE = defineUpdate<TriggerSignalResult, [TriggerSignalArgs]>('triggerSignal');
export const RETRY_INCIDENT_UPDATE = defineUpdate<StepResult, [RetryIncidentArgs]>('retryIncident');
export const CANCEL_INSTANCE_UPDATE = defineUpdate<void, [CancelInstanceArgs]>('cancelInstance');
/** Returns once every step taken so far is written to PostgreSQL: lets the api read its own writes. */
export const SYNC_UPDATE = defineUpdate<StepResult, []>('sync');
/**
 * The case's calendar changed (its unit's, or the nearest one above, was saved): deadlines
 * computed from now on use this one; those already computed stay (docs/calendars.md). A signal,
 * not an Update: nothing waits for it, and it is in the history, so replay sees the same
 * calendar at the same step. One with the case's current `version` changes nothing.
 */
export const CALENDAR_CHANGED_SIGNAL = defineSignal<[CaseCalendar]>('calendarChanged');

export function workflowIdForInstance(instanceId: string): string {
  return `case-${instanceId}`;
}

/** Everything that identifies a case, carried in the input so replay never reads the database. */
export interface InstanceDescriptor {
  instanceId: string;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  orgUnitId: string;
  orgPath: string;
  studentId: string | null;
  startedBy: { id: string; username: string } | null;
  /**
   * What started a case nobody started (startedBy null), for its `instance.started` audit entry:
   * a timer start event, a signal thrown by another case, or another case (a call activity or
   * the start-case handler), with that case's id. Absent on cases started before it existed.
   */
  startedVia?: { kind: 'timer' } | { kind: 'signal' | 'case'; caseId: string };
  /** Set on a case started by a call activity: the calling case and the call. */
  parent?: { instanceId: string; childId: string } | null;
}

export interface RunProcessInput {
  instance: InstanceDescriptor;
  model: ProcessModel;
  variables: Variables;
  /** Start at this (message or timer) start event instead of the none start event. */
  startEventId?: string;
  /** For a case started by a call activity: the errors the calling case catches there. */
  parentCatches?: ErrorCatchers;
  /**
   * Set when a run continues as new: the engine state and bookkeeping to resume from. Opaque
   * to everyone but the workflow.
   */
  resume?: unknown;
  /**
   * History length after which the run continues as new (default in the workflow). Tests set
   * it low to exercise continue-as-new quickly.
   */
  continueAsNewAfterEvents?: number;
  /**
   * The calendar the case computes school days with, fixed when it starts (the nearest own
   * calendar at or above its unit, national days merged; caseCalendarFrom in libs/domain). A
   * continued run carries the latest one, CALENDAR_CHANGED_SIGNAL included. Cases started
   * before calendars existed have none: Monday to Friday.
   */
  calendar?: CaseCalendar;
}

/** The `runProcess` workflow's signature, for typed starts (workflows/src/run-process.ts). */
export type RunProcessWorkflow = (input: RunProcessInput) => Promise<RunProcessResult>;

export interface RunProcessResult {
  state: 'completed' | 'cancelled';
  steps: number;
  /** The root scope's variables at the end: what a call activity hands back to its parent. */
  variables: Variables;
  /** Set when the case ended by an error its calling case catches. */
  error?: { errorCode: string; message: string };
}

export interface Actor {
  id: string;
  username: string;
}

export interface CompleteTaskArgs {
  taskId: string;
  variables: Variables;
  actor: Actor;
}

export interface ClaimTaskArgs {
  taskId: string;
  actor: Actor;
}

/** Assigns a task to a user (by username), or unassigns it with `assignee: null`. */
export interface AssignTaskArgs {
  taskId: string;
  assignee: string | null;
  actor: Actor;
}

export interface CorrelateMessageArgs {
  messageName: string;
  correlationKey: string;
  variables: Variables;
  actor: Actor | null;
}

export interface TriggerSignalArgs {
  signalName: string;
  variables: Variables;
  /** Who broadcast it (POST /api/signals); null for a signal a case threw. */
  actor: Actor | null;
  /** The case that threw it, when one did (recorded in the receiving case's audit trail). */
  thrownBy?: string;
}

export interface TriggerSignalResult extends StepResult {
  subscriptionIds: string[];
}

export interface RetryIncidentArgs {
  incidentId: string;
  /** Set on the incident's scope before retrying (how a supervisor fixes a bad value). */
  variables: Variables;
  actor: Actor;
}

export interface CancelInstanceArgs {
  reason: string;
  actor: Actor;
}

export interface StepResult {
  step: number;
}

export interface CompleteTaskResult extends StepResult {
  taskId: string;
}

export interface TaskAssignmentResult extends StepResult {
  taskId: string;
  assignee: string | null;
}

export interface CorrelateMessageResult extends StepResult {
  subscriptionId: string;
}

/** The projection of one engine step; written in one transaction, idempotently by `step`. */
export interface ProjectionStep {
  instance: InstanceDescriptor;
  /** 1, 2, 3… per instance; a step at or below the stored `last_step` is ignored. */
  step: number;
  state: 'active' | 'completed' | 'cancelled';
  /** The root scope's variables. */
  variables: Variables;
  activeElements: { elementId: string; since: string }[];
  events: EngineEvent[];
  openedTasks: (UserTaskSpec & { openedAt: string })[];
  /** Claims, unclaims and reassignments: assignee is a username, null to unassign. */
  assignedTasks: { taskId: string; assignee: string | null; at: string; actorId?: string }[];
  closedTasks: { taskId: string; state: 'completed' | 'cancelled'; at: string; actorId?: string }[];
  openedSubscriptions: (SubscriptionSpec & { openedAt: string })[];
  closedSubscriptions: { subscriptionId: string; state: 'correlated' | 'cancelled'; at: string }[];
  raisedIncidents: (IncidentSpec & { raisedAt: string })[];
  resolvedIncidents: { incidentId: string; at: string; actorId?: string }[];
  endedAt?: string;
}

/** A message stored by POST /api/messages because no case waited for it yet (it had a time to live). */
export interface BufferedMessage {
  messageId: string;
  messageName: string;
  correlationKey: string;
  variables: Variables;
}

export interface ProjectStepResult {
  /**
   * Buffered messages that match a subscription this step opened; taken out of the buffer in
   * the same transaction, so each is delivered to exactly one case.
   */
  bufferedMessages: BufferedMessage[];
  /**
   * Tasks this step opened that were not written because their assignee or candidate users
   * name someone off the case's line (docs/adr/0003): the workflow turns each into an incident
   * at its element. Absent in results recorded before it existed.
   */
  refusedTasks?: RefusedTask[];
}

export interface RefusedTask {
  taskId: string;
  message: string;
}

/** Input of the service-task activity: one job, run by the handler registered for its type. */
export interface JobInput {
  instance: InstanceDescriptor;
  job: JobSpec;
}

/** A handler's result: variables to merge (output mappings apply), or a BPMN error to throw. */
export type JobResult = { variables: Variables } | { bpmnError: { errorCode: string; message: string } };

export interface PrepareChildInput {
  parent: InstanceDescriptor;
  childId: string;
  processId: string;
}

/** A projection PostgreSQL refuses for good (a constraint violation): recorded as an incident on the case. */
export interface ProjectionIncidentInput {
  instance: InstanceDescriptor;
  incidentId: string;
  step: number;
  message: string;
}

/**
 * The timer start events of one deployed definition: a long-running workflow per process key
 * (id `timer-start-<key>`) starts a case at each firing. Deploying a new version replaces it.
 */
export const TIMER_START_WORKFLOW = 'timerStartCases';

export function workflowIdForTimerStart(definitionKey: string): string {
  return `timer-start-${definitionKey}`;
}

export interface TimerStartInput {
  definitionId: string;
  definitionKey: string;
  /** Where the started cases live: the deploying lead's org unit. */
  orgUnitId: string;
  /** The timer start events and their timers (date or cycle), from the definition's model. */
  timers: { startEventId: string; kind: 'date' | 'cycle'; expression: string }[];
  /** Set by continue-as-new: each timer's next firing and remaining repetitions (null: without end). */
  resume?: Record<string, { dueAt: string; remaining: number | null } | null>;
}

export interface PrepareTimerCaseInput {
  definitionId: string;
  orgUnitId: string;
  instanceId: string;
  startEventId: string;
}

export interface ProcessActivities {
  /** Creates the row of a case started by a timer start event and returns its start input. */
  prepareTimerCase(input: PrepareTimerCaseInput): Promise<RunProcessInput>;
  /** Writes the incident row of a projection that cannot be written, so supervisors see the stuck case. */
  raiseProjectionIncident(input: ProjectionIncidentInput): Promise<void>;
  projectStep(step: ProjectionStep): Promise<ProjectStepResult>;
  runJob(input: JobInput): Promise<JobResult>;
  /** Creates the child case's row (latest version of `processId`) and returns its start input. */
  prepareChild(input: PrepareChildInput): Promise<RunProcessInput>;
}
