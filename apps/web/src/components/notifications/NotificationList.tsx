import type { UseMutationResult } from '@tanstack/react-query';
import { Alert, Button, Empty, List, Tag, Typography } from 'antd';
import type { AppNotification } from '../../api/types';
import { currentLanguage, useI18n, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { hrefFor } from '../../routing/routes';
import { describeError } from '../ErrorMessage';

interface Props {
  items: AppNotification[];
  more: boolean;
  error: unknown;
  markRead: UseMutationResult<AppNotification, Error, string>;
}

const KNOWN_KINDS = [
  'notify',
  'care-group',
  'task.assignedToYou',
  'task.assignedAway',
  'audit.chain-broken',
  'case.breakGlass',
];

/**
 * The notice's title in the reader's language. Notices are content-free and the server stores
 * one title: a notify or care-group notice's title is what the diagram's author wrote (shown as
 * is); the others are rendered here from their kind, keeping only the task's name and unit the
 * server put after the colon.
 */
export function noticeTitle(item: AppNotification, t: Translate): string {
  const what = /[：:]\s*(.+)$/.exec(item.title)?.[1]?.trim();
  switch (item.kind) {
    case 'task.assignedToYou':
      return what ? t('notifications.assignedToYou', { what }) : t('notifications.assignedToYouPlain');
    case 'task.assignedAway':
      return what ? t('notifications.assignedAway', { what }) : t('notifications.assignedAwayPlain');
    case 'audit.chain-broken':
      return t('notifications.chainBroken');
    case 'case.breakGlass': {
      // Stored as "Emergency access granted: <name> until <ISO time>" (docs/security.md#break-glass).
      const granted = /^Emergency access granted: (.+) until (\S+)$/.exec(item.title);
      if (!granted) return item.title;
      const until = new Date(granted[2]!);
      return t('notifications.breakGlass', {
        who: granted[1]!,
        until: Number.isNaN(until.getTime()) ? granted[2]! : until.toLocaleString(currentLanguage()),
      });
    }
    default:
      return item.title;
  }
}

function kindLabel(kind: string, t: Translate): string {
  return KNOWN_KINDS.includes(kind)
    ? t(`notifications.kind.${kind}` as MessageKey)
    : t('notifications.kind.other');
}

/** Unread notifications: their (generic) title, when, a link to the case, and mark-as-read. */
export function NotificationList({ items, more, error, markRead }: Props) {
  const { t, formatDateTime } = useI18n();
  const failure = markRead.error ?? error;

  return (
    <div className="notification-list" data-testid="notification-list">
      <Typography.Title level={5} className="notification-list-title">
        {t('notifications.title')}
      </Typography.Title>
      {failure ? (
        <Alert type="error" showIcon title={describeError(failure, t)} data-testid="notification-error" />
      ) : null}
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={<span data-testid="notification-empty">{t('notifications.empty')}</span>}
        />
      ) : (
        <List
          size="small"
          dataSource={items}
          rowKey="id"
          className="notification-items"
          renderItem={(item) => (
            <List.Item
              data-testid={`notification-${item.id}`}
              data-instance-id={item.instanceId}
              data-kind={item.kind}
              style={{ display: 'block' }}
            >
              <div className="notification-head">
                <Tag bordered={false} color={item.kind.startsWith('task.') ? 'blue' : 'default'}>
                  {kindLabel(item.kind, t)}
                </Tag>
                <span className="notification-title" data-testid="notification-title">
                  {noticeTitle(item, t)}
                </span>
              </div>
              <div className="notification-meta">
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                <span className="notification-actions">
                  {item.instanceId && (
                    <a
                      href={hrefFor({ page: 'case', id: item.instanceId })}
                      data-testid="notification-case-link"
                    >
                      {t('notifications.openCase')}
                    </a>
                  )}
                  <Button
                    size="small"
                    loading={markRead.isPending && markRead.variables === item.id}
                    onClick={() => markRead.mutate(item.id)}
                    data-testid="notification-mark-read"
                  >
                    {t('notifications.markRead')}
                  </Button>
                </span>
              </div>
            </List.Item>
          )}
        />
      )}
      {more && <Typography.Paragraph type="secondary">{t('notifications.more')}</Typography.Paragraph>}
    </div>
  );
}
