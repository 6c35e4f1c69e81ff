// The definitions' server state in TanStack Query (docs/web.md#data-fetching): one key prefix,
// invalidated by every deploy (the upload here, the modeler's deploy button).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { deployDefinition, listDefinitions } from '../../api/endpoints';

export const definitionKeys = {
  all: ['definitions'] as const,
  list: () => [...definitionKeys.all, 'list'] as const,
  versions: (key: string) => [...definitionKeys.all, 'versions', key] as const,
  /** One deployed version's detail (its XML): never changes once deployed. */
  detail: (id: string) => [...definitionKeys.all, 'detail', id] as const,
};

/** Every deployed version, a page at a time (`nextCursor`). */
export function useDefinitions() {
  return useInfiniteQuery({
    queryKey: definitionKeys.list(),
    queryFn: ({ pageParam }) => listDefinitions(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useDeployDefinition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deployDefinition,
    onSuccess: () => client.invalidateQueries({ queryKey: definitionKeys.all }),
  });
}
