import { useQuery } from '@tanstack/react-query';
import { listDefinitions, listOrgUnits, listUsers } from '../../api/endpoints';
import type { DefinitionSummary, OrgUnit } from '../../api/types';

/** A deployed process by key: its latest version, and running cases over all its versions. */
export interface ProcessKey {
  key: string;
  /** The diagram's name, else the key. */
  name: string;
  latest: DefinitionSummary;
  versions: DefinitionSummary[];
  running: number;
}

export function groupByKey(versions: DefinitionSummary[]): ProcessKey[] {
  const byKey = new Map<string, DefinitionSummary[]>();
  for (const version of versions) byKey.set(version.key, [...(byKey.get(version.key) ?? []), version]);
  return [...byKey.entries()]
    .map(([key, list]) => {
      const sorted = [...list].sort((a, b) => b.version - a.version);
      const latest = sorted[0] as DefinitionSummary;
      return {
        key,
        name: latest.name ?? key,
        latest,
        versions: sorted,
        running: sorted.reduce((sum, version) => sum + version.runningInstances, 0),
      };
    })
    .sort((a, b) => b.running - a.running || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Every deployed process key (for filters and the processes page). */
export function useProcessKeys(): ProcessKey[] {
  const definitions = useQuery({ queryKey: ['definitions', 'all'], queryFn: () => listDefinitions() });
  return definitions.data ? groupByKey(definitions.data.items) : [];
}

/** The org units in the caller's scope, by name. */
export function useOrgUnits(): OrgUnit[] {
  const units = useQuery({ queryKey: ['org-units'], queryFn: listOrgUnits, staleTime: 300_000 });
  return units.data?.items ?? [];
}

/** Display names of the users in scope by username (tasks name their holder by username). */
export function useDisplayNames(): Map<string, string> {
  const users = useQuery({
    queryKey: ['users', 'directory'],
    queryFn: () => listUsers({ limit: 500 }),
    staleTime: 300_000,
  });
  return new Map((users.data?.items ?? []).map((user) => [user.username, user.displayName || user.username]));
}
