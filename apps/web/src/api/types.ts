// The shapes of the api's answers, by the names the pages use. Every shape comes from
// generated-types.ts, which `npm run web:types` writes from the api's OpenAPI document (its DTO
// classes); nothing here restates a field (docs/adr/0011-repositories-responses-and-lib-entries.md).
import type {
  ApiResponses,
  BulkItemResult as BulkItemResultView,
  BulkResults as BulkResultsView,
  DefinitionStatistics as DefinitionStatisticsView,
  ElementStatisticsView,
  IncidentView as IncidentViewView,
  PreferenceKey as PreferenceKeyView,
  PreferenceView as PreferenceViewView,
  UserView as UserViewView,
  CalendarDefinitionBody as CalendarDefinitionBodyView,
  CaseIncident,
  CaseOpenTask as CaseOpenTaskView,
  ChainVerificationView,
  ComplianceItem as ComplianceItemView,
  ComplianceReview as ComplianceReviewView,
  LateStep as LateStepView,
  LateStepsReport as LateStepsReportView,
  CaseState,
  DefinitionDetail as DefinitionDetailView,
  DefinitionVersionSummary,
  DeployedDefinition,
  HistoryEntry as HistoryEntryView,
  InstanceDetail as InstanceDetailView,
  InstanceSummary as InstanceSummaryView,
  LoginResult as LoginResultView,
  MeView,
  MonthlyReport as MonthlyReportView,
  MonthlyReportCountsView,
  MonthlyReportRow as MonthlyReportRowView,
  MonthlyReportSchool as MonthlyReportSchoolView,
  NotificationView,
  OrgUnitView,
  StartInstanceDto,
  StudentSearchHit as StudentSearchHitView,
  StudentSearchResults as StudentSearchResultsView,
  StudentView,
  TaskCounts as TaskCountsView,
  RoleGrantView,
  TaskDetail as TaskDetailView,
  TaskState as TaskStateView,
  TaskView,
} from './generated-types';

export type { ApiResponses };

/** Opaque to the client: pass a page's nextCursor back unchanged. */
export type Cursor = string;

/** A page of any list (each list's generated page type has this shape). */
export interface Page<T> {
  items: T[];
  nextCursor: ApiResponses['GET /api/tasks']['nextCursor'];
}

export type RoleGrant = RoleGrantView;
export type Me = MeView;
export type LoginResult = LoginResultView;
export type TaskState = TaskStateView;
export type Task = TaskView;
export type TaskDetail = TaskDetailView;
export type InstanceState = CaseState;
export const INSTANCE_STATES: readonly InstanceState[] = ['active', 'completed', 'cancelled', 'incident'];
export type InstanceSummary = InstanceSummaryView;
export type Incident = CaseIncident;
export type InstanceDetail = InstanceDetailView;
/** An in-app notice for the caller. `title` is generic by design: it never holds case content. */
export type AppNotification = NotificationView;
export type HistoryEntry = HistoryEntryView;
/** A version as GET /api/definitions lists it (with deployer name and running cases). */
export type DefinitionSummary = DefinitionVersionSummary;
export type DefinitionDetail = DefinitionDetailView;
export type DeployResult = DeployedDefinition;

export type OrgUnit = OrgUnitView;
/** A unit's effective school calendar (GET /api/org-units/:id/calendar). */
export type EffectiveCalendar = ApiResponses['GET /api/org-units/{id}/calendar'];
export type StoredCalendar = ApiResponses['PUT /api/org-units/{id}/calendar'];
export type CalendarDefinitionBody = CalendarDefinitionBodyView;

/** The case page (pages/cases): open tasks, the audit chain's verification, the user picker. */
export type CaseOpenTask = CaseOpenTaskView;
export type ChainVerification = ChainVerificationView;
/** Per-item outcomes of a bulk action (POST /api/…/bulk/…). */
export type BulkResults = BulkResultsView;
export type BulkItemResult = BulkItemResultView;
export type DefinitionStatistics = DefinitionStatisticsView;
export type ElementStatistics = ElementStatisticsView;
export type IncidentView = IncidentViewView;
export type PreferenceKey = PreferenceKeyView;
export type PreferenceView = PreferenceViewView;
/** A user as the picker lists them: display name and role grants. */
export type UserView = UserViewView;
/** The inbox's tab counts (GET /api/tasks/counts). */
export type TaskCounts = TaskCountsView;
/** A saved view of the caller's (GET/PUT /api/me/preferences/:key). */
export type StudentSearchHit = StudentSearchHitView;
export type StudentSearchResults = StudentSearchResultsView;
export type Student = StudentView;
export type StartInstanceBody = StartInstanceDto;

/** The monthly report (GET /api/reports/monthly): a school's row, or each school's and their sum. */
export type MonthlyReport = MonthlyReportView;
export type MonthlyReportRow = MonthlyReportRowView;
export type MonthlyReportSchool = MonthlyReportSchoolView;
export type MonthlyReportCounts = MonthlyReportCountsView;
/** The compliance review of a case and the district's late steps (docs/compliance.md). */
export type ComplianceReview = ComplianceReviewView;
export type ComplianceItem = ComplianceItemView;
export type LateStep = LateStepView;
export type LateStepsReport = LateStepsReportView;
