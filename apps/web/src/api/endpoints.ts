import { request } from './http';
import type {
  ApiResponses,
  BulkResults,
  DefinitionStatistics,
  IncidentView,
  PreferenceKey,
  PreferenceView,
  UserView,
  AppNotification,
  CalendarDefinitionBody,
  ChainVerification,
  ComplianceReview,
  Cursor,
  DefinitionDetail,
  DefinitionSummary,
  DeployResult,
  EffectiveCalendar,
  HistoryEntry,
  InstanceDetail,
  InstanceState,
  InstanceSummary,
  LateStepsReport,
  LoginResult,
  Me,
  MonthlyReport,
  OrgUnit,
  Page,
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

/** The filters of GET /api/tasks: the inbox's tabs, process, student, search and order, and the
 * supervisor console's group and holder. */
export interface TaskFilter {
  assignee?: 'me' | 'none';
  candidate?: 'me';
  state?: 'open' | 'completed' | 'cancelled';
  overdue?: boolean;
  dueToday?: boolean;
  instanceId?: string;
  definitionKey?: string;
  studentId?: string;
  candidateGroup?: string;
  assigneeId?: string;
  q?: string;
  sort?: 'dueAt' | 'priority' | 'createdAt';
}

const taskQuery = ({ overdue, dueToday, ...filter }: TaskFilter) => ({
  ...filter,
  overdue: overdue ? 'true' : undefined,
  dueToday: dueToday ? 'true' : undefined,
});

export const listTasks = ({ limit, cursor, ...filter }: TaskFilter & { cursor?: Cursor; limit?: number }) =>
  request<Page<Task>>('GET', `/tasks${query({ ...taskQuery(filter), cursor, limit: limit ?? 100 })}`);

export const tasksCsvPath = (filter: TaskFilter) => `/tasks${query({ ...taskQuery(filter), format: 'csv' })}`;

/** The inbox's tab counts, narrowed by the same case filters as the list. */
export const getTaskCounts = (filter: Pick<TaskFilter, 'definitionKey' | 'studentId' | 'q'>) =>
  request<TaskCounts>('GET', `/tasks/counts${query({ ...filter })}`);

export const unclaimTask = (id: string) => request<Task>('POST', `/tasks/${enc(id)}/unclaim`);

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

/** The filters of GET /api/instances the console offers (docs/api.md). */
export interface InstanceFilter {
  state?: InstanceState;
  definitionKey?: string;
  version?: number;
  orgUnitId?: string;
  overdue?: boolean;
  stuckDays?: number;
  /** Running cases waiting at this element (the process console's element click). */
  elementId?: string;
}

const instanceQuery = (filter: InstanceFilter) => ({
  ...filter,
  overdue: filter.overdue ? 'true' : undefined,
});

export const listInstances = (filter: InstanceFilter & { cursor?: Cursor; limit?: number }) =>
  request<Page<InstanceSummary>>('GET', `/instances${query({ limit: 100, ...instanceQuery(filter) })}`);

/** The address of the cases CSV export with the same filters (download it with downloadCsv). */
export const instancesCsvPath = (filter: InstanceFilter) =>
  `/instances${query({ ...instanceQuery(filter), format: 'csv' })}`;

/** Each item's outcome: 200/202 done, else the problem the single action would have answered. */
export const bulkAssignTasks = (taskIds: string[], userId: string) =>
  request<BulkResults>('POST', '/tasks/bulk/assign', { body: { taskIds, userId } });

export const bulkCancelInstances = (ids: string[], reason: string) =>
  request<BulkResults>('POST', '/instances/bulk/cancel', { body: { ids, reason } });

export const bulkRetryIncidents = (ids: string[]) =>
  request<BulkResults>('POST', '/incidents/bulk/retry', { body: { ids } });

/** Open incidents of one case. */
export const listOpenIncidents = (instanceId: string) =>
  request<Page<IncidentView>>('GET', `/incidents${query({ instanceId, state: 'open', limit: 100 })}`);

export const getDefinitionStatistics = (id: string) =>
  request<DefinitionStatistics>('GET', `/definitions/${enc(id)}/statistics`);

/** The caller's saved view under `key` (value null when none is saved). */
export const getPreference = (key: PreferenceKey) =>
  request<PreferenceView>('GET', `/me/preferences/${enc(key)}`);

export const putPreference = (key: PreferenceKey, value: Record<string, unknown>) =>
  request<PreferenceView>('PUT', `/me/preferences/${enc(key)}`, { body: { value } });

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

/** Every link of the case's hash chain and its signed head (supervisors of the case; 403 otherwise). */
export const verifyInstanceHistory = (id: string) =>
  request<ChainVerification>('GET', `/instances/${enc(id)}/history/verify`);

/** A case's tasks in one state, as the caller may see them (the case page's lateness). */
export const listInstanceTasks = (instanceId: string, state: 'open' | 'completed' | 'cancelled') =>
  request<Page<Task>>('GET', `/tasks${query({ instanceId, state, limit: 200 })}`);

/** Users holding a role within the caller's scope: the picker for assigning. */
export const listUsers = (filter: { q?: string; role?: string; orgUnitId?: string; limit?: number }) =>
  request<Page<UserView>>('GET', `/users${query({ ...filter, limit: filter.limit ?? 20 })}`);

/** Assigns an open task to a user (supervisors of the case); the api notifies both holders. */
export const assignTask = (id: string, userId: string) =>
  request<Task>('POST', `/tasks/${enc(id)}/assign`, { body: { userId } });

/** The monthly report's address; with `csv` the same report as a file (the page's 导出 CSV). */
export const monthlyReportPath = (orgUnitId: string, month: string, csv = false) =>
  `/reports/monthly${query({ orgUnitId, month, format: csv ? 'csv' : undefined })}`;

/** 404 for a unit unknown or out of the caller's scope; 403 without a reading role. */
export const getMonthlyReport = (orgUnitId: string, month: string) =>
  request<MonthlyReport>('GET', monthlyReportPath(orgUnitId, month));
/** A case's deadlines, how they were kept and the audit entries proving it (supervisors; docs/compliance.md). */
export const getCompliance = (id: string, reason?: string) =>
  request<ComplianceReview>('GET', `/instances/${enc(id)}/compliance${query({ reason })}`);

/** The late steps due in a period at the schools below a unit (supervisors). */
export const lateStepsPath = (orgUnitId: string, from: string, to: string) =>
  `/reports/late-steps${query({ orgUnitId, from, to })}`;

export const getLateSteps = (orgUnitId: string, from: string, to: string) =>
  request<LateStepsReport>('GET', lateStepsPath(orgUnitId, from, to));
