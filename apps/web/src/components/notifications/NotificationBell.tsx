import { useEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useLocation } from 'react-router';
import { NotificationList } from './NotificationList';
import { useUnreadNotifications } from './useUnreadNotifications';

/** The header's bell: the unread count, and the list when opened. */
export function NotificationBell() {
  const { t } = useI18n();
  const location = useLocation();
  const routeKey = location.pathname + location.search;
  const unread = useUnreadNotifications(routeKey);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useCloseOnOutsideClickOrEscape(open, root, () => setOpen(false));

  // Following a link (to a case) closes the list.
  useEffect(() => {
    setOpen(false);
  }, [routeKey]);

  const count = unread.items.length;
  const countText = unread.more ? `${count}+` : String(count);

  return (
    <div className="notification-bell" ref={root}>
      <button
        type="button"
        className="bell-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={t('notifications.bell', { count: countText })}
        title={t('notifications.bell', { count: countText })}
        onClick={() => {
          if (!open) unread.reload();
          setOpen(!open);
        }}
        data-testid="notification-bell"
      >
        <BellIcon />
        {count > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {countText}
          </span>
        )}
      </button>
      {open && (
        <NotificationList
          items={unread.items}
          more={unread.more}
          error={unread.error}
          onMarkRead={unread.markRead}
        />
      )}
    </div>
  );
}

/** While `open`, a click outside `root` or the Escape key calls `close`. */
function useCloseOnOutsideClickOrEscape(
  open: boolean,
  root: RefObject<HTMLElement | null>,
  close: () => void,
) {
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) closeRef.current();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeRef.current();
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, root]);
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}
