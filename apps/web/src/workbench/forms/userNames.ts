import { useQueries } from '@tanstack/react-query';
import { request } from '../../api/http';
import type { ApiResponses } from '../../api/types';

/**
 * Display names of the users behind ids (who saved a form), each looked up once through
 * GET /api/users/:id and kept in the query cache under ['users', id] (docs/web.md#data-fetching).
 * An id the caller may not look up (a user outside their scope) maps to null, and the page says
 * "another user" rather than showing a raw id; an id still loading is absent from the map.
 */
export function useUserNames(ids: readonly (string | null)[]): Map<string, string | null> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort();
  return useQueries({
    queries: wanted.map((id) => ({
      queryKey: ['users', id],
      queryFn: () =>
        request<ApiResponses['GET /api/users/{id}']>('GET', `/users/${encodeURIComponent(id)}`).then(
          (user): string | null => user.displayName || user.username,
          (): string | null => null,
        ),
      staleTime: Infinity,
    })),
    combine: (results) => {
      const names = new Map<string, string | null>();
      results.forEach((result, index) => {
        if (result.isSuccess) names.set(wanted[index]!, result.data);
      });
      return names;
    },
  });
}
