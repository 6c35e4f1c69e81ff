import { Injectable, NotFoundException } from '@nestjs/common';
import type { NotificationEntity } from '../../../../libs/persistence/src';
import type { CurrentUser } from '../auth/current-user';
import type { ListNotificationsQuery } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

function toNotificationView(n: NotificationEntity) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    instanceId: n.instanceId,
    taskId: n.taskId,
    orgPath: n.orgPath,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/**
 * The caller's own in-app notifications. They hold no case content (only that there is work
 * and where), so reading them is not written to the access log; opening the case they point to is.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(user: CurrentUser, query: ListNotificationsQuery) {
    const page = await this.notifications.list(user.id, { unread: query.unread === 'true' }, query);
    return { items: page.items.map(toNotificationView), nextCursor: page.nextCursor };
  }

  /** Marks one of the caller's notifications read (again: the first time counts); 404 for others'. */
  async markRead(user: CurrentUser, id: string) {
    const notification = await this.notifications.markRead(user.id, id);
    if (!notification) throw new NotFoundException(`Notification ${id} not found`);
    return toNotificationView(notification);
  }
}
