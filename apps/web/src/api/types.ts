// The shapes of the api's answers (see docs/api.md). Only what the pages read is listed;
// the app shows nothing beyond what the api returns.

export type Cursor = string | number;

export interface Page<T> {
  items: T[];
  /** Opaque to the client (the history pages by seq, so it may be a number). */
  nextCursor?: Cursor | null;
}

export interface RoleGrant {
  role: string;
  orgUnitId: string;
  orgPath: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: RoleGrant[];
}

export interface LoginResult {
  accessToken: string;
  user: Partial<Me>;
}

export type TaskState = 'open' | 'completed' | 'cancelled';

export interface Task {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number | null;
  state: TaskState;
  createdAt: string;
  formId: string | null;
}

export interface TaskDetail extends Task {
  form?: unknown;
  variables?: Record<string, unknown>;
}

export type InstanceState = 'active' | 'completed' | 'cancelled' | 'incident';
export const INSTANCE_STATES: readonly InstanceState[] = ['active', 'completed', 'cancelled', 'incident'];

export interface InstanceSummary {
  id: string;
  definitionKey: string;
  version: number;
  businessKey: string | null;
  orgPath: string | null;
  state: InstanceState;
  startedAt: string;
  endedAt: string | null;
  overdueTasks: number;
  openIncidents: number;
}

export interface Incident {
  id: string;
  instanceId?: string;
  elementId: string;
  message: string;
  createdAt: string;
}

export interface InstanceDetail extends InstanceSummary {
  activeElements: { elementId: string; since: string }[];
  variables?: Record<string, unknown>;
  incidents?: Incident[];
}

/** An in-app notice for the caller. `title` is generic by design: it never holds case content. */
export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  instanceId: string;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  type: string;
  elementId?: string | null;
  actor?: string | null;
  data?: unknown;
  hash: string;
  prevHash: string | null;
}

export interface DefinitionSummary {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deployedAt: string;
  deployedBy: string | null;
}

export interface DeployResult {
  id: string;
  key: string;
  version: number;
  name: string | null;
  warnings?: unknown[];
}
