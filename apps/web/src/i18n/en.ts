import { caseMessages } from '../pages/cases/messages';
import { confidentialityMessages } from '../pages/cases/confidentialityMessages';
import { complianceMessages } from '../pages/compliance/messages';
import { notificationsMessages } from '../components/notifications/messages';
import { diagramMessages } from '../components/diagram/messages';
import { definitionsMessages } from '../pages/definitions/messages';
import { versionsMessages } from '../workbench/versions/messages';
import { formsMessages } from '../workbench/forms/messages';
import type { Catalogue } from './zh-CN';
import { calendarsMessages } from '../pages/calendars/messages';
import { consoleMessages } from '../pages/console/messages';
import { inboxMessages } from '../pages/inbox/messages';
import { reportMessages } from '../pages/reports/messages';
import { modelerMessages } from '../workbench/modeler/messages';

// Typed as Catalogue: a missing or unknown key is a compile error.
export const en: Catalogue = {
  ...diagramMessages.en,
  ...versionsMessages.en,
  ...definitionsMessages.en,
  'app.name': 'CarePath',
  'app.tagline': 'Student mental-health crisis care',
  'nav.inbox': 'Inbox',
  'nav.cases': 'Cases',
  'nav.definitions': 'Definitions',
  'nav.tasks': 'All tasks',
  'nav.processes': 'Processes',
  'header.menu': 'Menu',
  'userPicker.search': 'Type a name or username',
  'userPicker.noMatch': 'Nobody matches',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'header.logout': 'Log out',
  'header.language': 'Language',

  'notifications.bell': 'Notifications ({count} unread)',
  'notifications.title': 'Unread notifications',
  'notifications.empty': 'No unread notifications',
  'notifications.openCase': 'Open case',
  'notifications.markRead': 'Mark as read',
  'notifications.more':
    'Only the newest unread notifications are shown; older ones appear as you mark these read',

  'role.admin': 'Administrator',
  'role.psychLead': 'Psychology lead',
  'role.districtSupervisor': 'District supervisor',
  'role.principal': 'Principal',
  'role.psychTeacher': 'Psychology teacher',
  'role.gradeLeader': 'Grade leader',
  'role.classTeacher': 'Class teacher',
  'role.peerMonitor': 'Peer psychology monitor',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Wrong username or password',

  'common.loading': 'Loading…',
  'common.refresh': 'Refresh',
  'common.loadMore': 'Load more',
  'common.cancel': 'Cancel',
  'common.none': '—',
  'error.network': 'Cannot reach the server; please try again later',
  'error.sessionExpired': 'Your session has expired; please sign in again',
  'error.generic': 'Request failed ({status})',

  'complete.submit': 'Submit and complete',
  'complete.submitting': 'Submitting…',

  'vars.modeRows': 'Fields',
  'vars.modeJson': 'JSON',
  'vars.key': 'Name',
  'vars.value': 'Value',
  'vars.addRow': 'Add variable',
  'vars.removeRow': 'Remove',
  'vars.hint': 'Values are read as JSON (true, 3, "text"); anything else is kept as text.',
  'vars.invalidJson': 'Invalid JSON: {message}',
  'vars.notObject': 'Must be a JSON object, e.g. {"riskLevel": "low"}',
  'vars.duplicateKey': 'Duplicate variable name: {key}',
  'vars.emptyKey': 'A row with a value needs a name',

  'state.active': 'Active',
  'state.completed': 'Completed',
  'state.cancelled': 'Cancelled',
  'state.incident': 'Incident',

  'cases.title': 'Cases',
  'cases.filterState': 'State',
  'cases.filterAll': 'All',
  'cases.col.definition': 'Pathway',
  'cases.col.businessKey': 'Business key',
  'cases.col.org': 'Org unit',
  'cases.col.state': 'State',
  'cases.col.started': 'Started',
  'cases.col.ended': 'Ended',
  'cases.col.overdue': 'Overdue tasks',
  'cases.col.incidents': 'Open incidents',
  'cases.empty': 'No matching cases',

  'case.title': 'Case',
  'case.field.sealed': 'Sealed',
  'case.field.purged': 'Purged',
  'case.sealed.title': 'This case file is sealed',
  'case.sealed.explain':
    'A sealed file is read-only. Reading it needs a reason, recorded with the reader and the time.',
  'case.sealed.reason': 'Reason for reading',
  'case.sealed.open': 'Give the reason and read',
  'case.back': '← Back to cases',
  'case.field.id': 'Case id',
  'case.field.definition': 'Pathway',
  'case.field.state': 'State',
  'case.field.org': 'Org unit',
  'case.field.started': 'Started',
  'case.field.ended': 'Ended',
  'case.active': 'Active elements',
  'case.activeEmpty': 'No active elements',
  'case.col.element': 'Element',
  'case.col.since': 'Since',
  'case.incidents': 'Incidents',
  'case.col.message': 'Message',
  'case.col.actions': 'Actions',
  'case.variables': 'Process variables',
  'case.history': 'History',
  'case.historyEmpty': 'No entries yet',
  'case.col.seq': '#',
  'case.col.time': 'Time',
  'case.col.type': 'Event',
  'case.col.actor': 'Actor',

  'incident.retry': 'Retry',
  'incident.retryTitle': 'Retry incident at {element}',
  'incident.retryHint':
    'Optionally set variables first (e.g. add or fix score); the failed step then runs again. Leave empty to retry as is.',
  'incident.retrySubmit': 'Set variables and retry',
  'incident.retrying': 'Retrying…',
  'incident.retried': 'Incident retried; the case has been reloaded',
  'incident.retryForbidden':
    'Only a district supervisor, principal, psychology lead or administrator at or above this case may retry incidents',
  'incident.retryConflict': 'This incident has already been resolved; refresh the case',

  'notFound.title': 'Page not found',

  ...formsMessages.en,
  ...modelerMessages.en,
  ...calendarsMessages.en,
  ...caseMessages.en,
  ...confidentialityMessages.en,
  ...notificationsMessages.en,
  ...consoleMessages.en,
  ...inboxMessages.en,
  ...reportMessages.en,
  ...complianceMessages.en,
};
