import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  bufferMessage,
  inScope,
  lockMessageKey,
  MessageSubscriptionEntity,
  type MessageToBuffer,
} from '../../../../libs/persistence/src';

/** A message's name and correlation key: what a subscription waits for. */
export interface MessageKey {
  name: string;
  correlationKey: string;
}

/** The SQL of message_subscription, and of the buffer of messages nobody waited for yet. */
@Injectable()
export class MessagesRepository {
  constructor(private readonly db: DataSource) {}

  /** The one visible-rows query: open subscriptions for `key` of cases the user sees. */
  private visibleOpen(db: EntityManager, userId: string, key: MessageKey) {
    return db
      .getRepository(MessageSubscriptionEntity)
      .createQueryBuilder('s')
      .where(`s.message_name = :name AND s.correlation_key = :key AND s.state = 'open'`, {
        name: key.name,
        key: key.correlationKey,
      })
      .andWhere(inScope('s.org_path'), { scopeUserId: userId });
  }

  /** The visible cases waiting for the message, those waiting longest first. */
  async waitingCases(userId: string, key: MessageKey): Promise<string[]> {
    const rows = await this.visibleOpen(this.db.manager, userId, key)
      .select('s.instance_id', 'instanceId')
      .addSelect('min(s.created_at)', 'since')
      .groupBy('s.instance_id')
      .orderBy('since')
      .getRawMany<{ instanceId: string }>();
    return rows.map((row) => row.instanceId);
  }

  /**
   * Buffers the message unless a visible subscription for it opened since we looked; true when
   * buffered. The advisory lock is the one the projection takes when it opens subscriptions and
   * takes buffered messages, so either the projection sees this message or this check sees its
   * subscription. It expires `ttlMillis` after the lock is taken; its variables are sealed with
   * `dataKey`.
   */
  bufferUnlessWaiting(
    userId: string,
    message: Omit<MessageToBuffer, 'expiresAt'>,
    ttlMillis: number,
    dataKey: Buffer,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await lockMessageKey(tx, message.messageName, message.correlationKey);
      const key = { name: message.messageName, correlationKey: message.correlationKey };
      if (await this.visibleOpen(tx, userId, key).getExists()) return false;
      await bufferMessage(tx, { ...message, expiresAt: new Date(Date.now() + ttlMillis) }, dataKey);
      return true;
    });
  }
}
