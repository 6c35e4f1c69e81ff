import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { NotificationList } from './NotificationList';
import { useUnreadNotifications } from './useUnreadNotifications';

/** The header's bell: the unread count, and the list when opened. */
export function NotificationBell() {
  const { t } = useI18n();
  const location = useLocation();
  const routeKey = location.pathname + location.search;
  const unread = useUnreadNotifications();
  const [open, setOpen] = useState(false);
  const { reload } = unread;

  // Following a link (to a case) closes the list; every navigation asks again.
  useEffect(() => {
    setOpen(false);
    reload();
  }, [routeKey]);

  const count = unread.items.length;
  const countText = unread.more ? `${count}+` : String(count);

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        if (next) reload();
        setOpen(next);
      }}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      rootClassName="notification-popover"
      destroyOnHidden
      styles={{ container: { padding: 0 } }}
      content={
        <NotificationList
          items={unread.items}
          more={unread.more}
          error={unread.error}
          markRead={unread.markRead}
        />
      }
    >
      <Badge
        count={
          count > 0 ? (
            <span className="bell-count" data-testid="notification-count">
              {countText}
            </span>
          ) : null
        }
        offset={[-4, 4]}
      >
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-haspopup="true"
          aria-expanded={open}
          aria-label={t('notifications.bell', { count: countText })}
          title={t('notifications.bell', { count: countText })}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
