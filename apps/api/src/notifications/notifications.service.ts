import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../../../../libs/persistence/src/entities';
import type { CurrentUser } from '../auth/current-user';
import { paginate } from '../common/pagination';
import type { ListNotificationsQuery } from './notifications.dto';

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
  constructor(private readonly db: DataSource) {}

  async list(user: CurrentUser, query: ListNotificationsQuery) {
    const qb = this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipient_id = :me', { me: user.id });
    if (query.unread === 'true') qb.andWhere('n.read_at IS NULL');
    const page = await paginate(qb, 'n.created_at', 'n.id', query, (n) => n.createdAt);
    return { items: page.items.map(toNotificationView), nextCursor: page.nextCursor };
  }

  /** Marks one of the caller's notifications read (again: the first time counts); 404 for others'. */
  async markRead(user: CurrentUser, id: string) {
    await this.db.query(
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2`,
      [id, user.id],
    );
    const notification = await this.db
      .getRepository(NotificationEntity)
      .findOneBy({ id, recipientId: user.id });
    if (!notification) throw new NotFoundException(`Notification ${id} not found`);
    return toNotificationView(notification);
  }
}
