// Every page's address, typed: pages link with `hrefFor(route)` (an `#/…` href for <a>) or
// `pathFor(route)` (for react-router's navigate/Link). The router in router.tsx maps the same
// paths to pages (docs/web.md#routes).

export type Route =
  | { page: 'login' }
  | { page: 'inbox' }
  /** A task with its form, the case's context and the diagram. */
  | { page: 'task'; id: string }
  /** Supervisors: every task in scope, with bulk actions. */
  | { page: 'tasks' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  /** Supervisors: processes in scope, and one process's diagram with its cases on it. */
  | { page: 'processes' }
  | { page: 'process'; key: string; elementId?: string }
  | { page: 'student'; id: string }
  | { page: 'definitions' }
  | { page: 'definition'; key: string }
  | { page: 'forms' }
  | { page: 'form'; formId: string }
  | { page: 'calendars' }
  | { page: 'calendar'; orgUnitId: string }
  /** Supervisors: the late steps of the schools under a unit (docs/compliance.md). */
  | { page: 'lateSteps' }
  /** The modeler: a new diagram without a key, else the key's latest version or `version`. */
  | { page: 'modeler'; key?: string; version?: number }
  /** The monthly report (月报) of a unit for a month; without them the page picks its defaults. */
  | { page: 'monthlyReport'; orgUnitId?: string; month?: string };

const enc = encodeURIComponent;

export function pathFor(route: Route): string {
  switch (route.page) {
    case 'task':
      return `/tasks/${enc(route.id)}`;
    case 'case':
      return `/cases/${enc(route.id)}`;
    case 'process':
      return `/processes/${enc(route.key)}${route.elementId ? `?element=${enc(route.elementId)}` : ''}`;
    case 'student':
      return `/students/${enc(route.id)}`;
    case 'definition':
      return `/definitions/${enc(route.key)}`;
    case 'form':
      return `/forms/${enc(route.formId)}`;
    case 'calendar':
      return `/calendars/${enc(route.orgUnitId)}`;
    case 'lateSteps':
      return '/reports/late-steps';
    case 'modeler': {
      if (!route.key) return '/modeler';
      const version = route.version === undefined ? '' : `?version=${route.version}`;
      return `/modeler/${enc(route.key)}${version}`;
    }
    case 'monthlyReport': {
      const search = new URLSearchParams();
      if (route.orgUnitId) search.set('orgUnitId', route.orgUnitId);
      if (route.month) search.set('month', route.month);
      const text = search.toString();
      return `/reports/monthly${text ? `?${text}` : ''}`;
    }
    default:
      return `/${route.page}`;
  }
}

export const hrefFor = (route: Route): string => `#${pathFor(route)}`;
