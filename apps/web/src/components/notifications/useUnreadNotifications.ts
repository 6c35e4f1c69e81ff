import { useCallback, useEffect, useRef, useState } from 'react';
import { listUnreadNotifications, markNotificationRead } from '../../api/endpoints';
import type { AppNotification } from '../../api/types';

/** How often the bell asks again while the app is open: new work shows up within half a minute. */
export const NOTIFICATION_POLL_MS = 30_000;

/** One page is plenty for a bell; beyond it the count reads "100+". */
const PAGE_SIZE = 100;

export interface UnreadNotifications {
  items: AppNotification[];
  /** More are unread than the page holds. */
  more: boolean;
  error: unknown;
  reload(): void;
  /** Rejects when the api refuses; the item then stays in the list. */
  markRead(id: string): Promise<void>;
}

/**
 * The caller's unread notifications, loaded again whenever `refreshKey` changes (the route, so
 * every navigation) and every NOTIFICATION_POLL_MS while the tab is visible. Answers to superseded
 * requests are dropped.
 */
export function useUnreadNotifications(refreshKey: string): UnreadNotifications {
  const [items, setItems] = useState<AppNotification[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    listUnreadNotifications(PAGE_SIZE).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setMore(page.nextCursor !== null && page.nextCursor !== undefined);
        setError(null);
      },
      (failure: unknown) => {
        if (mine === generation.current) setError(failure);
      },
    );
  }, []);

  useEffect(() => {
    reload();
  }, [refreshKey, reload]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, NOTIFICATION_POLL_MS);
    return () => {
      window.clearInterval(timer);
      generation.current++;
    };
  }, [reload]);

  const markRead = useCallback(
    async (id: string) => {
      await markNotificationRead(id);
      setItems((current) => current.filter((item) => item.id !== id));
      reload();
    },
    [reload],
  );

  return { items, more, error, reload, markRead };
}
