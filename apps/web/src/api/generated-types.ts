// Generated from the api's OpenAPI document (its DTO classes) by `npm run web:types`: do not edit.
// A unit test (apps/api/src/openapi/web-types.spec.ts) fails when this file is stale.

export interface ActiveElement {
  elementId: string;
  since: string;
}

export interface AssignTaskDto {
  userId: string;
}

export interface BreakGlassGrantView {
  /** The grant ends by itself at this time (BREAK_GLASS_SECONDS after it was given) */
  grantedUntil: string;
}

export interface BroadcastSignalDto {
  /** The bpmn:signal name */
  name: string;
  variables?: Record<string, unknown>;
  orgUnitId?: string;
}

export interface BulkAssignTasksDto {
  /** The tasks to assign, each as POST /api/tasks/{id}/assign would */
  taskIds: string[];
  userId: string;
}

export interface BulkCancelInstancesDto {
  /** The cases to cancel, each as POST /api/instances/{id}/cancel would */
  ids: string[];
  reason: string;
}

export interface BulkItemResult {
  id: string;
  /** What the single action answers: 200 or 202 done; 400, 403, 404, 409, 503, 504 not */
  status: number;
  /** The problem detail when the item was not done */
  error?: BulkProblem;
}

export interface BulkProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, unknown>[];
}

export interface BulkResults {
  results: BulkItemResult[];
}

export interface BulkRetryIncidentsDto {
  /** The incidents to retry, each as POST /api/incidents/{id}/retry would */
  ids: string[];
  variables?: Record<string, unknown>;
}

export interface CalendarDefinitionBody {
  /** IANA time zone; Asia/Shanghai when omitted */
  timezone?: string;
  /** Terms (学期), not overlapping; none: every working day is a school day */
  terms: CalendarTermBody[];
  /** Extra days off (e.g. sports day), besides weekends and the national holidays */
  holidays: string[];
  /** Extra make-up working days (调休) besides the national ones */
  workdays: string[];
}

export interface CalendarRefresh {
  /** Active cases whose calendar changed */
  cases: number;
  /** Of those, handled when the answer left: sent the new calendar, or ended meanwhile (a failed send is logged) */
  signalled: number;
  /** Still being sent in the background */
  pending: number;
}

/** own: the unit's own calendar; inherited: the nearest unit above with one; national: no unit has one (weekends and national holidays only) */
export type CalendarSource = 'own' | 'inherited' | 'national';

export interface CalendarTermBody {
  name: string;
  start: string;
  /** Inclusive; not before start */
  end: string;
}

export interface CancelInstanceDto {
  reason: string;
}

export interface CaseIncident {
  id: string;
  elementId: string;
  message: string;
  createdAt: string;
}

export interface CaseOpenTask {
  id: string;
  elementId: string;
  name: string | null;
  /** A username */
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
}

export interface CaseReadItem {
  /** The row id: `before` of the next page */
  id: string;
  at: string;
  /** Null for a row without a signed-in user */
  user: PersonRef | null;
  /** The access_log action */
  action: string;
  /** What was read or done: case, history, task, studentFile, export, reads, legalHold, breakGlass, denied, verify, or the row’s resource type */
  what: string;
  /** The reason the reader gave */
  reason: string | null;
  via: CaseReadVia;
}

export interface CaseReadPage {
  /** Newest first */
  items: CaseReadItem[];
  /** `before` for the next page; null at the end */
  nextBefore: string | null;
}

export type CaseReadVia = 'scope' | 'breakGlass';

export type CaseState = 'active' | 'completed' | 'cancelled' | 'incident';

export interface ChainHead {
  seq: number;
  hash: string;
}

export type ChainProblemKind = 'broken-link' | 'unsigned' | 'unknown-key' | 'bad-signature' | 'head-mismatch';

export interface ChainProblemView {
  kind: ChainProblemKind;
  /** The entry concerned, when there is one */
  seq: number | null;
  message: string;
}

export interface ChainVerificationView {
  instanceId: string;
  valid: boolean;
  entries: number;
  /** The signed head, when there is one */
  head: ChainHead | null;
  problems: ChainProblemView[];
}

export interface CompleteTaskDto {
  variables?: Record<string, unknown>;
}

export interface CompletedTask {
  task: TaskView;
  /** The case after the step, for callers who see the case; null for the others */
  instance: InstanceDetail | null;
}

export interface ComplianceActor {
  id: string;
  displayName: string;
}

export interface ComplianceChain {
  /** The case’s audit chain verifies: every link and its signed head */
  verified: boolean;
  entries: number;
}

export interface ComplianceEscalation {
  /** The boundary timer that fired */
  elementId: string;
  name: string;
  firedAt: string;
}

export interface ComplianceEvidenceEntry {
  /** The audit_event row */
  auditEventId: string;
  /** Its place in the case’s chain (the timeline’s entry) */
  seq: number;
  type: string;
  at: string;
  /** The entry’s hash (sha-256, hex) in the chain */
  hash: string;
}

export interface ComplianceItem {
  elementId: string;
  /** The step’s name in the diagram, else its id */
  name: string;
  taskId: string;
  dueAt: string;
  completedAt: string | null;
  /** Who completed it; null unless completed */
  actor: ComplianceActor | null;
  /** How late: completed after the due date; open past it until now; withdrawn after it until then. 0 otherwise */
  lateByMs: number;
  status: ComplianceStatus;
  escalations: ComplianceEscalation[];
  evidence: ComplianceEvidenceEntry[];
}

export interface ComplianceReview {
  instanceId: string;
  businessKey: string | null;
  definitionKey: string;
  processName: string;
  version: number;
  orgUnitName: string;
  generatedAt: string;
  sealedAt: string | null;
  purgedAt: string | null;
  items: ComplianceItem[];
  chain: ComplianceChain;
}

export type ComplianceStatus = 'onTime' | 'late' | 'open' | 'overdue' | 'cancelled';

export interface CoverageEntryView {
  /** docs/bpmn-elements.md tiers */
  tier: 1 | 2 | 3;
  /** Deploys and runs now; false: the deploy refuses it */
  supported: boolean;
  label: string;
  labelZh: string;
  /** Accepted but ignored, with a deploy warning (data objects, stores) */
  modellingOnly?: boolean;
}

export interface CreateOrgUnitDto {
  /** Omitted: directly below the root */
  parentId?: string;
  kind: 'city' | 'district' | 'school' | 'grade' | 'class';
  name: string;
  /** A segment of the org path */
  code: string;
}

export interface CreateStudentDto {
  /** The class */
  orgUnitId: string;
  studentNo: string;
  name: string;
  gender?: 'female' | 'male' | 'other';
  birthDate?: string;
  guardians?: GuardianDto[];
}

export interface CreateUserDto {
  username: string;
  /** At least 12 characters; not the username, a sequence or a repetition */
  password: string;
  displayName: string;
  roles: RoleGrantDto[];
}

export interface DecisionSummary {
  id: string;
  decisionId: string;
  version: number;
  name: string | null;
  /** The unit that owns the decision id (fixed by version 1) */
  ownerUnitId: string;
  deployedAt: string;
}

export interface DecisionSummaryList {
  items: DecisionSummary[];
}

export interface DefinitionDetail {
  id: string;
  key: string;
  version: number;
  name: string | null;
  ownerUnitId: string;
  deployedAt: string;
  deployedBy: string | null;
  xml: string;
  /** form-js schemas by formId */
  forms: Record<string, unknown>;
}

export interface DefinitionStatistics {
  /** Elements with any count, over the cases of this version that the caller sees, by element id */
  items: ElementStatisticsView[];
}

export interface DefinitionSummaryPage {
  items: DefinitionVersionSummary[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface DefinitionVersionSummary {
  id: string;
  key: string;
  version: number;
  name: string | null;
  ownerUnitId: string;
  deployedAt: string;
  deployedBy: string | null;
  /** The deployer's display name; null when unknown or when the key's owner unit is not on the caller's line (docs/versions.md) */
  deployedByName: string | null;
  /** Cases of this version that are active (including those stopped at an incident), counted within the caller’s scope only */
  runningInstances: number;
}

export interface DeployDecisionsDto {
  /** The DMN file (XML) */
  xml: string;
  /** Owner unit of new decision ids (fixed by version 1); needed when you deploy at several unrelated units */
  ownerUnitId?: string;
}

export interface DeployDefinitionDto {
  /** The BPMN XML (or send a multipart `file`) */
  xml?: string;
  /** form-js schemas by formId */
  forms?: Record<string, unknown>;
  /** DMN files (XML) deployed with the diagram */
  decisions?: string[];
  /** Owner unit of a new key (fixed by version 1); needed when you deploy at several unrelated units */
  ownerUnitId?: string;
}

export interface DeployFormDto {
  /** The form id user tasks link (zeebe:formDefinition formId) */
  formId: string;
  /** The form-js schema (docs/forms.md) */
  schema: Record<string, unknown>;
  /** Owner unit of a new form id (fixed by version 1); needed when you deploy at several unrelated units */
  ownerUnitId?: string;
}

export interface DeployedDecision {
  id: string;
  /** The DMN decision's id, what zeebe:calledDecision decisionId names */
  decisionId: string;
  version: number;
  name: string | null;
  /** False when the same file already is this decision’s latest version */
  created: boolean;
}

export interface DeployedDecisions {
  items: DeployedDecision[];
}

export interface DeployedDefinition {
  id: string;
  /** The BPMN process id */
  key: string;
  version: number;
  name: string | null;
  /** The unit that owns the key (fixed by version 1) */
  ownerUnitId: string;
  warnings: DiagramProblemView[];
  /** The decisions deployed with it, when the request sent `decisions` */
  decisions?: DeployedDecision[];
}

export interface DeployedForm {
  formId: string;
  version: number;
  /** The schema's `name`, if it has one */
  name: string | null;
  /** The unit that owns the form id (fixed by version 1) */
  ownerUnitId: string;
  deployedAt: string;
  deployedBy: string | null;
  /** False when the same schema already is the latest version */
  created: boolean;
}

export interface DiagramProblemView {
  /** The element's id; empty for the document as a whole */
  elementId: string;
  elementType: string;
  /** Stable code of the problem (libs/bpmn/src/problem-catalogue.ts) */
  code: string;
  /** What the message says, as data: ids, names, numbers, nested {code, params} fragments */
  params: Record<string, unknown>;
  /** The problem in the Accept-Language (zh-CN or en; English without it) */
  message: string;
}

export interface EffectiveCalendarView {
  orgUnitId: string;
  /** own: the unit's own calendar; inherited: the nearest unit above with one; national: no unit has one (weekends and national holidays only) */
  source: CalendarSource;
  /** null for the national default */
  sourceUnitId: string | null;
  sourceUnitName: string | null;
  timezone: string;
  /** The source unit's terms */
  terms: CalendarTermBody[];
  /** The source unit's extra holidays */
  holidays: string[];
  /** The source unit's extra make-up days */
  workdays: string[];
  /** The national public holidays (chinese-days), merged into every calendar */
  nationalHolidays: string[];
  /** The national make-up working days (调休), merged into every calendar */
  nationalWorkdays: string[];
  /** The last year the national days are known for (the State Council publishes each year late in the year before); later years count weekends only, unless the unit lists its days */
  nationalDaysLastYear: number;
  /** Fingerprint of the calendar cases compute with (sha-256 hex) */
  version: string;
  updatedAt: string | null;
  /** Display name of who stored it last */
  updatedBy: string | null;
  /** Whether the caller may PUT or DELETE this unit's calendar */
  mayEdit: boolean;
}

export interface ElementStatisticsView {
  elementId: string;
  /** Tokens waiting at the element now */
  active: number;
  /** Open user tasks at the element past their due time */
  overdue: number;
  /** Open incidents at the element */
  incidents: number;
  /** Times a token left the element (terminated passages not counted) */
  completed: number;
  /** Mean time from entering to leaving over the completed passages; null with none */
  avgDurationMs: number | null;
}

export interface ElementTemplateBindingView {
  type: 'zeebe:taskDefinition' | 'zeebe:taskHeader' | 'zeebe:input';
  /** zeebe:taskDefinition: the attribute set */
  property?: 'type';
  /** zeebe:taskHeader: the header key */
  key?: string;
  /** zeebe:input: the target variable */
  name?: string;
}

export interface ElementTemplateCategoryView {
  id: string;
  name: string;
}

export interface ElementTemplateChoiceView {
  name: string;
  value: string;
}

export interface ElementTemplateConstraintsView {
  notEmpty: boolean;
}

export interface ElementTemplateElementTypeView {
  value: string;
}

export interface ElementTemplatePropertyView {
  id?: string;
  label?: string;
  description?: string;
  type: 'Hidden' | 'String' | 'Text' | 'Dropdown';
  value?: string;
  /** Left out of the XML when empty */
  optional?: boolean;
  choices?: ElementTemplateChoiceView[];
  constraints?: ElementTemplateConstraintsView;
  binding: ElementTemplateBindingView;
}

export interface ElementTemplateView {
  /** The Zeebe element template JSON schema */
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  category: ElementTemplateCategoryView;
  appliesTo: string[];
  elementType: ElementTemplateElementTypeView;
  properties: ElementTemplatePropertyView[];
}

export interface FormSummary {
  formId: string;
  version: number;
  /** The schema's `name`, if it has one */
  name: string | null;
  /** The unit that owns the form id (fixed by version 1) */
  ownerUnitId: string;
  deployedAt: string;
  deployedBy: string | null;
}

export interface FormSummaryList {
  items: FormSummary[];
}

export interface FormVersion {
  formId: string;
  version: number;
  /** The schema's `name`, if it has one */
  name: string | null;
  /** The unit that owns the form id (fixed by version 1) */
  ownerUnitId: string;
  deployedAt: string;
  deployedBy: string | null;
  /** The form-js schema */
  schema: Record<string, unknown>;
}

export interface GuardianDto {
  name: string;
  /** 父亲, 母亲, 祖父母… */
  relation: string;
  /** A mainland Chinese mobile number, 11 digits */
  phone: string;
}

export interface GuardianView {
  name: string;
  relation: string;
  phone: string;
}

export interface HealthView {
  status: 'up' | 'degraded';
  temporal: 'up' | 'down';
  database: 'up' | 'down';
}

export interface HistoryEntry {
  seq: number;
  at: string;
  type: string;
  elementId: string | null;
  actor: string | null;
  /** Sealed free text opened; in a student's file, null for a sealed case read without a reason */
  data: Record<string, unknown> | null;
  /** SHA-256 over the entry's canonical JSON including prevHash */
  hash: string;
  prevHash: string | null;
}

export interface HistoryEntryPage {
  items: HistoryEntry[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
  /** When the case was purged: sealed free text in `data` then reads as null */
  purgedAt: string | null;
}

export interface ImportScreeningDto {
  instrument: 'phq-9' | 'gad-7' | 'mssmhs';
  /** The school */
  orgUnitId: string;
  /** JSON only */
  rows?: ScreeningRowDto[];
  /** Multipart only: the CSV (UTF-8, BOM allowed) or XLSX export, at most 20 MB */
  file?: string;
}

export interface IncidentView {
  id: string;
  instanceId: string;
  elementId: string;
  message: string;
  createdAt: string;
  state: 'open' | 'resolved';
  resolvedAt: string | null;
}

export interface IncidentViewPage {
  items: IncidentView[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface InstanceDetail {
  id: string;
  definitionKey: string;
  version: number;
  businessKey: string | null;
  orgUnitId: string;
  orgPath: string;
  studentId: string | null;
  /** The calling case */
  parentId: string | null;
  state: CaseState;
  startedAt: string;
  endedAt: string | null;
  /** When the case last moved on (a step, a task action): the `stuckDays` filter reads it */
  updatedAt: string;
  overdueTasks: number;
  openIncidents: number;
  /** The process's name in the diagram; null when it has none */
  definitionName: string | null;
  /** The name of the case's org unit */
  orgUnitName: string;
  /** The case’s student; null for a case without one, a purged case, and in lists and files for a sealed case */
  student: StudentSummaryView | null;
  /** The definition version */
  definitionId: string;
  /** Open tasks, due soonest first */
  openTasks: CaseOpenTask[];
  activeElements: ActiveElement[];
  /** The process-level variables, sealed values opened; null once the case is purged (purgedAt) */
  variables: Record<string, unknown> | null;
  /** When the case file was sealed: its reads then need ?reason= */
  sealedAt: string | null;
  /** When the case was purged (消档): its sealed content reads as null */
  purgedAt: string | null;
  /** The active legal hold: the case is not purged while it lasts */
  legalHold: LegalHoldView | null;
  /** Set when the caller reads this case under an emergency access (break-glass) grant: when it ends */
  breakGlassUntil: string | null;
  /** Open incidents, oldest first */
  incidents: CaseIncident[];
}

export interface InstanceSummary {
  id: string;
  definitionKey: string;
  version: number;
  businessKey: string | null;
  orgUnitId: string;
  orgPath: string;
  studentId: string | null;
  /** The calling case */
  parentId: string | null;
  state: CaseState;
  startedAt: string;
  endedAt: string | null;
  /** When the case last moved on (a step, a task action): the `stuckDays` filter reads it */
  updatedAt: string;
  overdueTasks: number;
  openIncidents: number;
  /** The process's name in the diagram; null when it has none */
  definitionName: string | null;
  /** The name of the case's org unit */
  orgUnitName: string;
  /** The case’s student; null for a case without one, a purged case, and in lists and files for a sealed case */
  student: StudentSummaryView | null;
}

export interface InstanceSummaryPage {
  items: InstanceSummary[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface LateStep {
  instanceId: string;
  businessKey: string | null;
  /** The case’s school */
  orgUnitName: string;
  elementId: string;
  name: string;
  dueAt: string;
  /** Null: still open */
  completedAt: string | null;
  /** Completed this late, or overdue this long until now */
  lateByMs: number;
  actor: ComplianceActor | null;
  /** An escalation timer fired on the step while it was open */
  escalated: boolean;
}

export interface LateStepsReport {
  items: LateStep[];
  /** More than the first 2000 late steps matched */
  truncated: boolean;
}

export interface LegalHoldView {
  since: string;
  by: PersonRef;
}

export interface LoginDto {
  username: string;
  password: string;
}

export interface LoginResult {
  /** A JWT for `Authorization: Bearer …` */
  accessToken: string;
  user: MeView;
}

export interface MeView {
  id: string;
  username: string;
  displayName: string;
  roles: RoleGrantView[];
}

export interface ModelerVocabulary {
  /** By coverage key: 'bpmn:UserTask', '<event>+<definition>' ('bpmn:StartEvent+bpmn:TimerEventDefinition'), 'bpmn:SubProcess+triggeredByEvent', loop and zeebe: extension types */
  coverage: Record<string, CoverageEntryView>;
  /** zeebe:taskDefinition types a handler runs */
  jobTypes: string[];
  /** Roles a candidate group may name (every role but admin) */
  candidateGroups: string[];
}

export interface MonthlyReport {
  orgUnit: MonthlyReportUnit;
  /** YYYY-MM, months in Asia/Shanghai */
  month: string;
  /** When it was counted */
  generatedAt: string;
  /** One row per school at or below the unit (the school itself when it is one), by name */
  schools: MonthlyReportSchool[];
  /** The sum of the school rows, for a unit above schools; null for a school */
  rollup: MonthlyReportRow | null;
}

export interface MonthlyReportCountsView {
  /** `crisis-care` cases open at the month’s end, by risk level */
  byRiskLevel: RiskLevelCounts;
  /** `crisis-care` cases started in the month */
  newCases: number | null;
  /** `crisis-care` cases sealed or ended in the month */
  closedCases: number | null;
  /** `crisis-care` cases open at the month’s end (or now, for the month in progress) */
  openAtMonthEnd: number | null;
  /** Tasks open and past due at the month’s end (or now) */
  overdueOpenTasks: number | null;
  /** `referral` and `emergency-referral` tasks completed */
  referrals: number | null;
  /** `referral-outcome` messages received in the month, by the case’s `outcome` */
  referralOutcomes: ReferralOutcomeCounts;
  /** Home visits completed in the month */
  homeVisitsDone: number | null;
  /** Home visits due in the month, done or not */
  homeVisitsDue: number | null;
  /** Share (0–1) of the students registered by the month’s end with a result in a screening imported this semester (autumn: August–January, spring: February–July); null without students. Never suppressed */
  screeningCoverage: number | null;
}

export interface MonthlyReportRow {
  counts: MonthlyReportCountsView;
  /** The counts shown as null to the caller, and why (empty when they read it exactly) */
  suppressed: SuppressedCount[];
}

export interface MonthlyReportSchool {
  counts: MonthlyReportCountsView;
  /** The counts shown as null to the caller, and why (empty when they read it exactly) */
  suppressed: SuppressedCount[];
  orgUnitId: string;
  name: string;
  /** The caller is the school’s own staff and reads its exact numbers */
  exact: boolean;
  /** A `monthly-report` case of the school compiled this month and its `review-report` is completed */
  submitted: boolean;
  submittedAt: string | null;
  submittedBy: string | null;
}

export interface MonthlyReportUnit {
  id: string;
  kind: string;
  name: string;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  instanceId: string | null;
  taskId: string | null;
  orgPath: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationViewPage {
  items: NotificationView[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export type OrgUnitKind = 'root' | 'city' | 'district' | 'school' | 'grade' | 'class';

export interface OrgUnitView {
  id: string;
  /** null for the root */
  parentId: string | null;
  kind: OrgUnitKind;
  name: string;
  code: string;
  orgPath: string;
}

export interface OrgUnitViewPage {
  items: OrgUnitView[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface PersonRef {
  id: string;
  displayName: string;
}

export type PreferenceKey = 'inbox' | 'console';

export interface PreferenceView {
  key: PreferenceKey;
  value: Record<string, unknown> | null;
  updatedAt: string | null;
}

export interface PublishMessageDto {
  name: string;
  correlationKey: string;
  variables?: Record<string, unknown>;
  /** ISO 8601 duration, at most P30D */
  timeToLive?: string;
  orgUnitId?: string;
}

export interface PublishResult {
  /** Every case the message reached: waiting cases it was correlated with, and cases it started */
  correlatedInstances: string[];
  /** True when nothing waited and the message was kept for its time to live */
  buffered: boolean;
}

export interface PutPreferenceDto {
  /** A JSON object of at most 8192 bytes (UTF-8); the web app decides its fields */
  value: Record<string, unknown>;
}

export interface ReasonBody {
  /** Why: recorded with the caller (access log) and, sealed with the case key, in the case history */
  reason: string;
}

export interface ReferralOutcomeCounts {
  admitted: number | null;
  outpatient: number | null;
  /** outcome `not-needed` */
  notNeeded: number | null;
  /** An outcome the pathway does not name */
  unknown: number | null;
}

export interface ReplaceGuardiansDto {
  guardians: GuardianDto[];
}

export interface ReplaceRolesDto {
  roles: RoleGrantDto[];
}

export interface RetryIncidentDto {
  variables?: Record<string, unknown>;
}

export interface RiskLevelCounts {
  low: number | null;
  moderate: number | null;
  high: number | null;
  imminent: number | null;
  /** Open cases not assessed yet */
  unknown: number | null;
}

export type Role =
  | 'admin'
  | 'psychLead'
  | 'districtSupervisor'
  | 'principal'
  | 'psychTeacher'
  | 'gradeLeader'
  | 'classTeacher'
  | 'peerMonitor';

export interface RoleGrantDto {
  role: Role;
  orgUnitId: string;
}

export interface RoleGrantView {
  role: Role;
  orgUnitId: string;
  orgPath: string;
}

export interface ScreeningImportResult {
  /** The screening; the first import’s when the same rows were imported before; null when no row was accepted (nothing stored) */
  id: string | null;
  /** Rows stored (accepted) */
  rows: number;
  /** Stored rows whose student is flagged for review */
  flagged: number;
  /** Reviews the screening-campaign case opened: one per flagged student; the first import’s figure on a repeat */
  reviewsOpened: number;
  /** The screening-campaign case reviewing the flagged students; null when none is flagged */
  campaignInstanceId: string | null;
  /** True when these rows were imported before: nothing changed */
  repeated: boolean;
  /** Rows not stored, each with every problem it has */
  rejected: ScreeningRejectedRow[];
}

export interface ScreeningRejectedRow {
  /** The data row, 1-based (row 1 is right below the header) */
  row: number;
  errors: ScreeningRowError[];
}

export interface ScreeningRowDto {
  studentNo: string;
  /** Answers keyed by item number as a string; integers in the instrument’s range */
  items: Record<string, number>;
}

export interface ScreeningRowError {
  /** `studentNo` or `items.<n>` */
  path: string;
  /** studentNo.missing, studentNo.unknown, studentNo.duplicate, item.missing, item.notInteger, item.outOfRange, item.unknown */
  code: string;
  /** In the Accept-Language */
  message: string;
}

export interface SignalBroadcastView {
  /** Cases a signal start event started */
  startedInstances: string[];
  /** Waiting cases in the caller’s scope the signal triggered */
  triggeredInstances: string[];
}

export interface StartInstanceDto {
  /** The BPMN process id */
  definitionKey: string;
  /** The latest when omitted */
  version?: number;
  businessKey?: string;
  orgUnitId?: string;
  studentId?: string;
  variables?: Record<string, unknown>;
}

export interface StoredCalendarView {
  orgUnitId: string;
  /** own: the unit's own calendar; inherited: the nearest unit above with one; national: no unit has one (weekends and national holidays only) */
  source: CalendarSource;
  /** null for the national default */
  sourceUnitId: string | null;
  sourceUnitName: string | null;
  timezone: string;
  /** The source unit's terms */
  terms: CalendarTermBody[];
  /** The source unit's extra holidays */
  holidays: string[];
  /** The source unit's extra make-up days */
  workdays: string[];
  /** The national public holidays (chinese-days), merged into every calendar */
  nationalHolidays: string[];
  /** The national make-up working days (调休), merged into every calendar */
  nationalWorkdays: string[];
  /** The last year the national days are known for (the State Council publishes each year late in the year before); later years count weekends only, unless the unit lists its days */
  nationalDaysLastYear: number;
  /** Fingerprint of the calendar cases compute with (sha-256 hex) */
  version: string;
  updatedAt: string | null;
  /** Display name of who stored it last */
  updatedBy: string | null;
  /** Whether the caller may PUT or DELETE this unit's calendar */
  mayEdit: boolean;
  refresh: CalendarRefresh;
}

export interface StudentFileCase {
  id: string;
  definitionKey: string;
  version: number;
  businessKey: string | null;
  orgUnitId: string;
  orgPath: string;
  studentId: string | null;
  /** The calling case */
  parentId: string | null;
  state: CaseState;
  startedAt: string;
  endedAt: string | null;
  /** When the case last moved on (a step, a task action): the `stuckDays` filter reads it */
  updatedAt: string;
  overdueTasks: number;
  openIncidents: number;
  /** The process's name in the diagram; null when it has none */
  definitionName: string | null;
  /** The name of the case's org unit */
  orgUnitName: string;
  /** The case’s student; null for a case without one, a purged case, and in lists and files for a sealed case */
  student: StudentSummaryView | null;
  /** Sealed: its entries need ?reason= */
  sealedAt: string | null;
  /** Purged (消档) */
  purgedAt: string | null;
}

export interface StudentFileEvent {
  seq: number;
  at: string;
  type: string;
  elementId: string | null;
  actor: string | null;
  /** Sealed free text opened; in a student's file, null for a sealed case read without a reason */
  data: Record<string, unknown> | null;
  /** SHA-256 over the entry's canonical JSON including prevHash */
  hash: string;
  prevHash: string | null;
  instanceId: string;
  definitionKey: string | null;
}

export interface StudentFileView {
  student: StudentView;
  /** The cases the caller sees, oldest first */
  cases: StudentFileCase[];
  /** Oldest first, across all the cases */
  events: StudentFileEvent[];
  /** Events already read, as the next cursor; null at the end */
  nextCursor: string | null;
}

export interface StudentOpenCase {
  instanceId: string;
  definitionKey: string;
}

export interface StudentSearchHit {
  id: string;
  /** Null only when the record does not open with this deployment's key */
  name: string | null;
  studentNo: string;
  /** The name of the student's class */
  className: string;
  /** The class */
  orgUnitId: string;
  /** Top-level cases of the student that are running and not sealed */
  openCases: StudentOpenCase[];
}

export interface StudentSearchResults {
  /** At most `limit`, by student number */
  items: StudentSearchHit[];
}

export interface StudentSummaryView {
  id: string;
  /** Null only when the student's record does not open with this deployment's key */
  name: string | null;
  studentNo: string;
  /** The name of the student's class */
  className: string;
}

export interface StudentView {
  id: string;
  /** The class */
  orgUnitId: string;
  orgPath: string;
  studentNo: string;
  name: string;
  gender?: 'female' | 'male' | 'other';
  birthDate?: string;
  guardians?: GuardianView[];
}

export interface SuppressedCount {
  /** The count’s path in `counts` */
  field: string;
  /** `small`: between 1 and 4; `complementary`: hidden so that a small one cannot be worked out */
  reason: SuppressionReason;
}

/** `small`: between 1 and 4; `complementary`: hidden so that a small one cannot be worked out */
export type SuppressionReason = 'small' | 'complementary';

export interface TaskCaseView {
  id: string;
  /** Null for a caller who holds the task but does not see the case (a peer monitor) */
  businessKey: string | null;
  definitionKey: string;
  /** The process's name in the diagram; null when it has none */
  definitionName: string | null;
  orgUnitId: string;
  /** The name of the case's org unit */
  orgUnitName: string;
  orgPath: string;
}

export interface TaskCounts {
  /** Open tasks assigned to the caller */
  assignedToMe: number;
  /** Open unassigned tasks offered to the caller */
  claimable: number;
  /** Open tasks past their due time */
  overdue: number;
  /** Open tasks due on today's date in the case's calendar timezone (Asia/Shanghai without a calendar), overdue ones included */
  dueToday: number;
  /** Every open task the caller sees */
  all: number;
}

export interface TaskDetail {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  /** A username */
  assignee: string | null;
  candidateGroups: string[];
  /** Usernames */
  candidateUsers: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number | null;
  state: TaskState;
  createdAt: string;
  formId: string | null;
  /** A job-worker user task’s zeebe:formDefinition formKey (docs/bpmn-elements.md#job-worker-user-tasks) */
  formKey: string | null;
  /** The task's case: its key (for those who see the case), process and unit by name */
  instance: TaskCaseView;
  /** The case's student, for callers who see the case; null for a case without a student, a purged case, a peer who holds only the task, and in lists for a sealed case */
  student: StudentSummaryView | null;
  /** The form-js schema, or null */
  form: Record<string, unknown> | null;
  /** The variables the task may show the caller, sealed values opened; null once the case is purged */
  variables: Record<string, unknown> | null;
  /** When the case was purged (消档) */
  purgedAt: string | null;
}

export type TaskState = 'open' | 'completed' | 'cancelled';

export interface TaskView {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  /** A username */
  assignee: string | null;
  candidateGroups: string[];
  /** Usernames */
  candidateUsers: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number | null;
  state: TaskState;
  createdAt: string;
  formId: string | null;
  /** A job-worker user task’s zeebe:formDefinition formKey (docs/bpmn-elements.md#job-worker-user-tasks) */
  formKey: string | null;
  /** The task's case: its key (for those who see the case), process and unit by name */
  instance: TaskCaseView;
  /** The case's student, for callers who see the case; null for a case without a student, a purged case, a peer who holds only the task, and in lists for a sealed case */
  student: StudentSummaryView | null;
}

export interface TaskViewPage {
  items: TaskView[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export interface UpdateUserDto {
  displayName?: string;
  disabled?: boolean;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  roles: RoleGrantView[];
}

export interface UserViewPage {
  items: UserView[];
  /** Pass it as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

/** The body of each route's success answer (void: none). */
export interface ApiResponses {
  'POST /api/auth/login': LoginResult;
  'GET /api/me': MeView;
  'GET /api/health': HealthView;
  'POST /api/org-units': OrgUnitView;
  'GET /api/org-units': OrgUnitViewPage;
  'GET /api/org-units/{id}/calendar': EffectiveCalendarView;
  'PUT /api/org-units/{id}/calendar': StoredCalendarView;
  'DELETE /api/org-units/{id}/calendar': void;
  'POST /api/users': UserView;
  'GET /api/users': UserViewPage;
  'GET /api/users/{id}': UserView;
  'PATCH /api/users/{id}': UserView;
  'PUT /api/users/{id}/roles': UserView;
  'POST /api/students': StudentView;
  'GET /api/students': StudentSearchResults;
  'GET /api/students/{id}': StudentView;
  'GET /api/students/{id}/file': StudentFileView;
  'PUT /api/students/{id}/guardians': StudentView;
  'POST /api/screenings': ScreeningImportResult;
  'GET /api/me/preferences/{key}': PreferenceView;
  'PUT /api/me/preferences/{key}': PreferenceView;
  'POST /api/definitions': DeployedDefinition;
  'GET /api/definitions': DefinitionSummaryPage;
  'GET /api/definitions/{id}/statistics': DefinitionStatistics;
  'GET /api/definitions/{id}': DefinitionDetail;
  'POST /api/decisions': DeployedDecisions;
  'GET /api/decisions': DecisionSummaryList;
  'POST /api/forms': DeployedForm;
  'GET /api/forms': FormSummaryList;
  'GET /api/forms/{formId}': FormVersion;
  'POST /api/instances/bulk/cancel': BulkResults;
  'POST /api/instances': InstanceDetail;
  'GET /api/instances': InstanceSummaryPage;
  'GET /api/instances/{id}': InstanceDetail;
  'GET /api/instances/{id}/history': HistoryEntryPage;
  'POST /api/instances/{id}/cancel': void;
  'GET /api/instances/{id}/reads': CaseReadPage;
  'POST /api/instances/{id}/legal-hold': void;
  'DELETE /api/instances/{id}/legal-hold': void;
  'POST /api/instances/{id}/break-glass': BreakGlassGrantView;
  'POST /api/tasks/bulk/assign': BulkResults;
  'GET /api/tasks': TaskViewPage;
  'GET /api/tasks/counts': TaskCounts;
  'GET /api/tasks/{id}': TaskDetail;
  'POST /api/tasks/{id}/claim': TaskView;
  'POST /api/tasks/{id}/unclaim': TaskView;
  'POST /api/tasks/{id}/assign': TaskView;
  'POST /api/tasks/{id}/complete': CompletedTask;
  'POST /api/messages': PublishResult;
  'POST /api/signals': SignalBroadcastView;
  'POST /api/incidents/bulk/retry': BulkResults;
  'GET /api/incidents': IncidentViewPage;
  'POST /api/incidents/{id}/retry': void;
  'GET /api/notifications': NotificationViewPage;
  'POST /api/notifications/{id}/read': NotificationView;
  'GET /api/instances/{id}/history/verify': ChainVerificationView;
  'GET /api/modeler/vocabulary': ModelerVocabulary;
  'GET /api/element-templates': ElementTemplateView[];
  'GET /api/reports/monthly': MonthlyReport;
  'GET /api/instances/{id}/compliance': ComplianceReview;
  'GET /api/reports/late-steps': LateStepsReport;
}
