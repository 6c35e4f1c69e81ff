import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listUnreadNotifications, markNotificationRead } from '../../api/endpoints';

/** How often the bell asks again while the app is open: new work shows up within half a minute. */
export const NOTIFICATION_POLL_MS = 30_000;

/** One page is plenty for a bell; beyond it the count reads "100+". */
const PAGE_SIZE = 100;

export const unreadNotificationsKey = ['notifications', 'unread'] as const;

/** The caller's unread notifications, polled every 30 s while the tab is visible. */
export function useUnreadNotifications() {
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: unreadNotificationsKey,
    queryFn: () => listUnreadNotifications(PAGE_SIZE),
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onSuccess: (_answer, id) => {
      queryClient.setQueryData(unreadNotificationsKey, (page: typeof unread.data) =>
        page ? { ...page, items: page.items.filter((item) => item.id !== id) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: unreadNotificationsKey });
    },
  });
  return {
    items: unread.data?.items ?? [],
    more: unread.data?.nextCursor !== null && unread.data?.nextCursor !== undefined,
    error: unread.error,
    reload: () => void unread.refetch(),
    markRead,
  };
}
