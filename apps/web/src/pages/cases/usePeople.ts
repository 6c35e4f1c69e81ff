import { useQueries } from '@tanstack/react-query';
import { listUsers } from '../../api/endpoints';
import type { Me, UserView } from '../../api/types';

/**
 * Display names for usernames (history actors, task holders): each looked up once through the
 * user picker's list (`GET /api/users?q=`, the caller's scope) and cached. Someone the caller
 * cannot see reads as their username.
 */
export function usePeople(me: Me, usernames: readonly (string | null | undefined)[]) {
  const wanted = [
    ...new Set(usernames.filter((name): name is string => !!name && name !== me.username)),
  ].sort();
  const answers = useQueries({
    queries: wanted.map((username) => ({
      queryKey: ['users', 'byUsername', username],
      queryFn: async (): Promise<UserView | null> => {
        const page = await listUsers({ q: username, limit: 10 });
        return page.items.find((user) => user.username === username) ?? null;
      },
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>([[me.username, me.displayName || me.username]]);
  wanted.forEach((username, index) => {
    const user = answers[index]?.data;
    if (user?.displayName) names.set(username, user.displayName);
  });
  return (username: string | null | undefined): string => (username ? (names.get(username) ?? username) : '');
}
