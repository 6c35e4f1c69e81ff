import { useEffect, useRef, useState } from 'react';

export type Route =
  | { page: 'login' }
  | { page: 'inbox' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'definitions' }
  | { page: 'definition'; key: string }
  | { page: 'forms' }
  | { page: 'form'; formId: string }
  | { page: 'calendars' }
  | { page: 'calendar'; orgUnitId: string }
  /** The modeler: a new diagram without a key, else the key's latest version or `version`. */
  | { page: 'modeler'; key?: string; version?: number }
  | { page: 'notFound' };

/** `#/cases/<id>` → { page: 'case', id }. An empty hash is the inbox. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === undefined || first === 'inbox') return { page: 'inbox' };
  if (first === 'login') return { page: 'login' };
  if (first === 'definitions') return second ? { page: 'definition', key: second } : { page: 'definitions' };
  if (first === 'cases') return second ? { page: 'case', id: second } : { page: 'cases' };
  if (first === 'forms') return second ? { page: 'form', formId: second } : { page: 'forms' };
  if (first === 'calendars') return second ? { page: 'calendar', orgUnitId: second } : { page: 'calendars' };
  if (first === 'modeler') return modelerRoute(second, new URLSearchParams(search).get('version'));
  return { page: 'notFound' };
}

function modelerRoute(key: string | undefined, version: string | null): Route {
  if (!key) return { page: 'modeler' };
  if (version === null) return { page: 'modeler', key };
  return /^[1-9]\d{0,8}$/.test(version)
    ? { page: 'modeler', key, version: Number(version) }
    : { page: 'notFound' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'definition':
      return `#/definitions/${encodeURIComponent(route.key)}`;
    case 'form':
      return `#/forms/${encodeURIComponent(route.formId)}`;
    case 'calendar':
      return `#/calendars/${encodeURIComponent(route.orgUnitId)}`;
    case 'modeler': {
      if (!route.key) return '#/modeler';
      const version = route.version === undefined ? '' : `?version=${route.version}`;
      return `#/modeler/${encodeURIComponent(route.key)}${version}`;
    }
    case 'notFound':
      return '#/';
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

/** Asked before the app follows a hash change; false keeps the current page (unsaved work). */
export type LeaveGuard = (next: Route) => boolean;
let leaveGuard: LeaveGuard | null = null;

/** A page with unsaved work installs a guard; the returned function removes it. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const current = useRef(window.location.hash);
  useEffect(() => {
    const update = () => {
      const next = parseRoute(window.location.hash);
      if (leaveGuard && !leaveGuard(next)) {
        // Put the address back without a new hashchange: the page stays as it is.
        window.history.replaceState(window.history.state, '', current.current || '#/');
        return;
      }
      current.current = window.location.hash;
      setRoute(next);
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
