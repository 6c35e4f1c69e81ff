import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../../../../libs/persistence/src';
import { type Page, type PageQuery, paginate } from '../common/pagination';

/**
 * The SQL of the notification table. A notification is visible to its recipient only: that is
 * this table's one visible-rows query (no org-scope rule applies, it holds no case content).
 */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** The one visible-rows query: the caller's own notifications. */
  private visible(userId: string) {
    return this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipient_id = :me', { me: userId });
  }

  /** Newest first; `unread` keeps those not read yet. */
  async list(
    userId: string,
    filter: { unread: boolean },
    page: PageQuery,
  ): Promise<Page<NotificationEntity>> {
    const qb = this.visible(userId);
    if (filter.unread) qb.andWhere('n.read_at IS NULL');
    return paginate(qb, 'n.created_at', 'n.id', page, (n) => n.createdAt);
  }

  /** Marks it read (the first time counts) and returns it; null when it is not the user's. */
  async markRead(userId: string, id: string): Promise<NotificationEntity | null> {
    await this.db.query(
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2`,
      [id, userId],
    );
    return this.visible(userId).andWhere('n.id = :id', { id }).getOne();
  }
}
