import { useEffect, useState } from 'react';

export type Route =
  | { page: 'login' }
  | { page: 'inbox' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'definitions' }
  | { page: 'forms' }
  | { page: 'form'; formId: string }
  | { page: 'notFound' };

/** `#/cases/<id>` → { page: 'case', id }. An empty hash is the inbox. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === undefined || first === 'inbox') return { page: 'inbox' };
  if (first === 'login') return { page: 'login' };
  if (first === 'definitions') return { page: 'definitions' };
  if (first === 'cases') return second ? { page: 'case', id: second } : { page: 'cases' };
  if (first === 'forms') return second ? { page: 'form', formId: second } : { page: 'forms' };
  return { page: 'notFound' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
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

/** Asked before the route changes; false keeps the user on the page (unsaved work in an editor). */
let leaveGuard: (() => boolean) | null = null;

/** A page with unsaved work installs a guard while it is shown, and removes it (null) after. */
export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    let current = window.location.hash;
    const update = () => {
      if (window.location.hash === current) return;
      if (leaveGuard && !leaveGuard()) {
        // Stay: put the address back without a new history entry (and without a hashchange).
        window.history.replaceState(window.history.state, '', current || '#/');
        return;
      }
      current = window.location.hash;
      setRoute(parseRoute(current));
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
