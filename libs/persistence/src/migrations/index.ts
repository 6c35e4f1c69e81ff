import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { MessagesIncidentsNotifications1763900000000 } from './1763900000000-messages-incidents-notifications';
import { DefinitionOwnersAndTaskViews1764000000000 } from './1764000000000-definition-owners-and-task-views';
import { LoginThrottleAndDenials1764100000000 } from './1764100000000-login-throttle-and-denials';
import { AuditIntegrity1764200000000 } from './1764200000000-audit-integrity';
import { DecisionDefinitions1764300000000 } from './1764300000000-decision-definitions';
import { SignalsAndFormKeys1764400000000 } from './1764400000000-signals-and-form-keys';
import { FormDefinitions1764513000000 } from './1764513000000-form-definitions';
import { OrgUnitCalendars1764600000000 } from './1764600000000-org-unit-calendars';
import { CareGroupsReportsOutbox1764610000000 } from './1764610000000-care-groups-reports-outbox';
import { CaseKeys1764620000000 } from './1764620000000-case-keys';
import { OneOpenCasePerStudent1764630000000 } from './1764630000000-one-open-case-per-student';
import { ListSearchAndStatistics1764700000000 } from './1764700000000-list-search-and-statistics';
import { UserPreferences1764800000000 } from './1764800000000-user-preferences';
import { ElementPassageStatistics1764810000000 } from './1764810000000-element-passage-statistics';
import { OpenTasksNewestFirst1764811000000 } from './1764811000000-open-tasks-newest-first';
import { Screenings1764900000000 } from './1764900000000-screenings';
import { LegalHoldsAndBreakGlass1764910000000 } from './1764910000000-legal-holds-and-break-glass';
import { UserTaskPath1764930000000 } from './1764930000000-user-task-path';

/** Every migration, in order. The schema changes only through these (never `synchronize`). */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  MessagesIncidentsNotifications1763900000000,
  DefinitionOwnersAndTaskViews1764000000000,
  LoginThrottleAndDenials1764100000000,
  AuditIntegrity1764200000000,
  DecisionDefinitions1764300000000,
  SignalsAndFormKeys1764400000000,
  FormDefinitions1764513000000,
  OrgUnitCalendars1764600000000,
  CareGroupsReportsOutbox1764610000000,
  CaseKeys1764620000000,
  OneOpenCasePerStudent1764630000000,
  ListSearchAndStatistics1764700000000,
  UserPreferences1764800000000,
  ElementPassageStatistics1764810000000,
  OpenTasksNewestFirst1764811000000,
  Screenings1764900000000,
  LegalHoldsAndBreakGlass1764910000000,
  UserTaskPath1764930000000,
];
