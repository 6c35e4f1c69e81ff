import { useEffect, useState } from 'react';

export type Route =
  | { page: 'login' }
  | { page: 'inbox' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'definitions' }
  | { page: 'definition'; key: string }
  | { page: 'notFound' };

/** `#/cases/<id>` → { page: 'case', id }. An empty hash is the inbox. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === undefined || first === 'inbox') return { page: 'inbox' };
  if (first === 'login') return { page: 'login' };
  if (first === 'definitions') return second ? { page: 'definition', key: second } : { page: 'definitions' };
  if (first === 'cases') return second ? { page: 'case', id: second } : { page: 'cases' };
  return { page: 'notFound' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'definition':
      return `#/definitions/${encodeURIComponent(route.key)}`;
    case 'notFound':
      return '#/';
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
