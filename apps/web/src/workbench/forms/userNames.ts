import { useEffect, useState } from 'react';
import { request } from '../../api/http';
import type { ApiResponses } from '../../api/types';

/**
 * Display names of the users behind ids (who saved a form), looked up once each through
 * GET /api/users/:id. An id the caller may not look up (a user outside their scope) maps to
 * null, and the page says "another user" rather than showing a raw id.
 */
export function useUserNames(ids: readonly (string | null)[]): Map<string, string | null> {
  const [names, setNames] = useState<Map<string, string | null>>(() => new Map());
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort().join(',');

  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const missing = wanted.split(',').filter((id) => !names.has(id));
    if (missing.length === 0) return;
    void Promise.all(
      missing.map((id) =>
        request<ApiResponses['GET /api/users/{id}']>('GET', `/users/${encodeURIComponent(id)}`).then(
          (user) => [id, user.displayName || user.username] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((found) => {
      if (live) setNames((previous) => new Map([...previous, ...found]));
    });
    return () => {
      live = false;
    };
    // `names` is read only to skip known ids: not a reason to look them up again.
  }, [wanted]);

  return names;
}
