import type { ProcessModel } from '../../bpmn/src/model';
import type { EngineEvent, UserTaskSpec, Variables } from '../../engine/src/types';

/**
 * The contract between the api, the `runProcess` workflow and the worker's activities. Plain
 * data only: it crosses the Temporal boundary and is replayed from history.
 */
export const RUN_PROCESS_WORKFLOW = 'runProcess';
export const COMPLETE_TASK_UPDATE = 'completeTask';
export const SYNC_UPDATE = 'sync';
export const CANCEL_INSTANCE_UPDATE = 'cancelInstance';

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
}

export interface RunProcessInput {
  instance: InstanceDescriptor;
  model: ProcessModel;
  variables: Variables;
}

export interface RunProcessResult {
  state: 'completed' | 'cancelled';
  steps: number;
}

export interface CompleteTaskArgs {
  taskId: string;
  variables: Variables;
  actor: { id: string; username: string };
}

export interface CancelInstanceArgs {
  reason: string;
  actor: { id: string; username: string };
}

export interface CompleteTaskResult {
  taskId: string;
  step: number;
}

/** The projection of one engine step; written in one transaction, idempotently by `step`. */
export interface ProjectionStep {
  instance: InstanceDescriptor;
  /** 1, 2, 3… per instance; a step at or below the stored `last_step` is ignored. */
  step: number;
  state: 'active' | 'completed' | 'cancelled';
  variables: Variables;
  activeElements: { elementId: string; since: string }[];
  events: EngineEvent[];
  openedTasks: (UserTaskSpec & { openedAt: string })[];
  closedTasks: { taskId: string; state: 'completed' | 'cancelled'; at: string; actorId?: string }[];
  endedAt?: string;
}

export interface ProcessActivities {
  projectStep(step: ProjectionStep): Promise<void>;
}
