import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import { getMe } from '../api/endpoints';
import type { Me } from '../api/types';

export const meQueryKey = ['me'] as const;

/** Who is signed in, asked once per sign-in (the shell waits for it before any page renders). */
export const useMeQuery = (enabled: boolean) =>
  useQuery({ queryKey: meQueryKey, queryFn: getMe, enabled, staleTime: Infinity });

/** The signed-in user, inside a page the shell rendered (it is always known there). */
export function useMe(): Me {
  return useOutletContext<{ me: Me }>().me;
}
