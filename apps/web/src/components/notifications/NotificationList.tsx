import { useState } from 'react';
import type { AppNotification } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { ErrorMessage } from '../ErrorMessage';

interface Props {
  items: AppNotification[];
  more: boolean;
  error: unknown;
  onMarkRead(id: string): Promise<void>;
}

/** Unread notifications: their (generic) title, when, a link to the case, and mark-as-read. */
export function NotificationList({ items, more, error, onMarkRead }: Props) {
  const { t, formatDateTime } = useI18n();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [markError, setMarkError] = useState<unknown>(null);

  const markRead = (id: string) => {
    setBusyId(id);
    setMarkError(null);
    onMarkRead(id).then(
      () => setBusyId(null),
      (failure: unknown) => {
        setMarkError(failure);
        setBusyId(null);
      },
    );
  };

  return (
    <div className="notification-list" data-testid="notification-list">
      <h2>{t('notifications.title')}</h2>
      <ErrorMessage error={markError ?? error} testId="notification-error" />
      {items.length === 0 ? (
        <p className="empty" data-testid="notification-empty">
          {t('notifications.empty')}
        </p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id} data-testid={`notification-${item.id}`} data-instance-id={item.instanceId}>
              <span className="notification-title" data-testid="notification-title">
                {item.title}
              </span>
              <span className="notification-meta">
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                {item.instanceId && (
                  <a
                    href={hrefFor({ page: 'case', id: item.instanceId })}
                    data-testid="notification-case-link"
                  >
                    {t('notifications.openCase')}
                  </a>
                )}
                <button
                  type="button"
                  className="button-secondary button-small"
                  disabled={busyId === item.id}
                  onClick={() => markRead(item.id)}
                  data-testid="notification-mark-read"
                >
                  {t('notifications.markRead')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {more && <p className="hint">{t('notifications.more')}</p>}
    </div>
  );
}
