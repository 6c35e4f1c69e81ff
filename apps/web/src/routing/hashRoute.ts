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
  | { page: 'notFound' };

/** `#/cases/<id>` → { page: 'case', id }. An empty hash is the inbox. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === undefined || first === 'inbox') return { page: 'inbox' };
  if (first === 'login') return { page: 'login' };
  if (first === 'definitions') return second ? { page: 'definition', key: second } : { page: 'definitions' };
  if (first === 'cases') return second ? { page: 'case', id: second } : { page: 'cases' };
  if (first === 'forms') return second ? { page: 'form', formId: second } : { page: 'forms' };
  return { page: 'notFound' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'definition':
      return `#/definitions/${encodeURIComponent(route.key)}`;
    case 'form':
      return `#/forms/${encodeURIComponent(route.formId)}`;
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
