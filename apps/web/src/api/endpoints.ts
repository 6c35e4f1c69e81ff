import { request } from './http';
import type {
  ApiResponses,
  AppNotification,
  CalendarDefinitionBody,
  Cursor,
  DefinitionDetail,
  DefinitionSummary,
  DeployResult,
  EffectiveCalendar,
  HistoryEntry,
  InstanceDetail,
  InstanceState,
  InstanceSummary,
  LoginResult,
  Me,
  OrgUnit,
  Page,
  Preference,
  PreferenceKey,
  StartInstanceBody,
  StoredCalendar,
  Student,
  StudentSearchResults,
  Task,
  TaskCounts,
  TaskDetail,
} from './types';

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

export const login = (username: string, password: string) =>
  request<LoginResult>('POST', '/auth/login', { body: { username, password }, anonymous: true });

export const getMe = () => request<Me>('GET', '/me');

/** The list's filters (GET /api/tasks): the inbox's tabs, process, student, search and order. */
export interface TaskFilter {
  assignee?: 'me';
  candidate?: 'me';
  state?: 'open' | 'completed' | 'cancelled';
  overdue?: boolean;
  instanceId?: string;
  definitionKey?: string;
  studentId?: string;
  q?: string;
  sort?: 'dueAt' | 'priority' | 'createdAt';
  cursor?: Cursor;
  limit?: number;
}

export const listTasks = ({ overdue, limit, ...filter }: TaskFilter) =>
  request<Page<Task>>(
    'GET',
    `/tasks${query({ ...filter, overdue: overdue ? 'true' : undefined, limit: limit ?? 200 })}`,
  );

/** The inbox's tab counts, narrowed by the same case filters as the list. */
export const getTaskCounts = (filter: Pick<TaskFilter, 'definitionKey' | 'studentId' | 'q'>) =>
  request<TaskCounts>('GET', `/tasks/counts${query({ ...filter })}`);

export const unclaimTask = (id: string) => request<Task>('POST', `/tasks/${enc(id)}/unclaim`);

/** The caller's saved view under `key` (value null when none is saved). */
export const getPreference = (key: PreferenceKey) =>
  request<Preference>('GET', `/me/preferences/${enc(key)}`);

export const putPreference = (key: PreferenceKey, value: Record<string, unknown>) =>
  request<Preference>('PUT', `/me/preferences/${enc(key)}`, { body: { value } });

/** Students in the caller's scope by number prefix or exact full name, with their open cases. */
export const searchStudents = (q: string, limit = 10) =>
  request<StudentSearchResults>('GET', `/students${query({ q, limit })}`);

export const getStudent = (id: string) => request<Student>('GET', `/students/${enc(id)}`);

/** Starts a case; a student's case answers 409 with `openInstanceId` when one is open already. */
export const startInstance = (body: StartInstanceBody) =>
  request<InstanceDetail>('POST', '/instances', { body });

export const getTask = (id: string) => request<TaskDetail>('GET', `/tasks/${enc(id)}`);

export const claimTask = (id: string) => request<Task>('POST', `/tasks/${enc(id)}/claim`);

export const completeTask = (id: string, variables: Record<string, unknown>, idempotencyKey: string) =>
  request<ApiResponses['POST /api/tasks/{id}/complete']>('POST', `/tasks/${enc(id)}/complete`, {
    body: { variables },
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const listInstances = (filter: {
  state?: InstanceState;
  definitionKey?: string;
  cursor?: Cursor;
  limit?: number;
}) => request<Page<InstanceSummary>>('GET', `/instances${query({ limit: 100, ...filter })}`);

/** A sealed case file answers only with a `reason` for the read (recorded with the reader). */
export const getInstance = (id: string, reason?: string) =>
  request<InstanceDetail>('GET', `/instances/${enc(id)}${query({ reason })}`);

export const getInstanceHistory = (id: string, cursor?: Cursor, reason?: string) =>
  request<Page<HistoryEntry>>('GET', `/instances/${enc(id)}/history${query({ cursor, limit: 500, reason })}`);

export const listDefinitions = (cursor?: Cursor) =>
  request<Page<DefinitionSummary>>('GET', `/definitions${query({ cursor, limit: 200 })}`);

/** Every version of one process key, newest first (the versions page). */
export const listDefinitionVersions = (key: string, cursor?: Cursor) =>
  request<Page<DefinitionSummary>>('GET', `/definitions${query({ key, cursor, limit: 200 })}`);

export const getDefinition = (id: string) => request<DefinitionDetail>('GET', `/definitions/${enc(id)}`);

export const deployDefinition = (xml: string) =>
  request<DeployResult>('POST', '/definitions', { body: { xml } });

/** 202 once the case has retried; 403 without a supervising role above the case. */
export const retryIncident = (id: string, variables: Record<string, unknown>) =>
  request<void>('POST', `/incidents/${enc(id)}/retry`, { body: { variables } });

export const listUnreadNotifications = (limit: number) =>
  request<Page<AppNotification>>('GET', `/notifications${query({ unread: 'true', limit })}`);

export const markNotificationRead = (id: string) =>
  request<AppNotification>('POST', `/notifications/${enc(id)}/read`);

export const listOrgUnits = () => request<Page<OrgUnit>>('GET', '/org-units');

export const getCalendar = (orgUnitId: string) =>
  request<EffectiveCalendar>('GET', `/org-units/${enc(orgUnitId)}/calendar`);

export const putCalendar = (orgUnitId: string, calendar: CalendarDefinitionBody) =>
  request<StoredCalendar>('PUT', `/org-units/${enc(orgUnitId)}/calendar`, { body: calendar });

export const deleteCalendar = (orgUnitId: string) =>
  request<void>('DELETE', `/org-units/${enc(orgUnitId)}/calendar`);
