import type { EntityManager } from 'typeorm';
import type { BufferedMessage } from '../../contracts/src';
import type { SubscriptionSpec, Variables } from '../../engine/src';
import { decryptJson, encryptJson } from './field-crypto';
import { atOrBelow } from './org-scope';

/**
 * Messages published (POST /api/messages, with a time to live) while no case waited for them,
 * and how a subscription opened later takes one. Both sides take the same advisory lock per
 * (name, correlation key), so a message published while a subscription is being opened is either
 * seen by the publisher as a subscription or by the subscriber as a buffered message, never lost
 * between the two.
 */
export interface MessageToBuffer {
  messageName: string;
  correlationKey: string;
  variables: Variables;
  /** The sender's unit: only cases at or below it may take the message. */
  orgPath: string;
  expiresAt: Date;
  createdBy: string | null;
}

interface BufferRow {
  id: string;
  message_name: string;
  correlation_key: string;
  variables: string;
}

/** Serialises publishers and subscribers of one (name, key) until the transaction ends. */
export async function lockMessageKey(
  db: EntityManager,
  messageName: string,
  correlationKey: string,
): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    JSON.stringify(['message', messageName, correlationKey]),
  ]);
}

/** Stores a message; call inside a transaction that holds `lockMessageKey`. Returns its id. */
export async function bufferMessage(
  db: EntityManager,
  message: MessageToBuffer,
  dataKey: Buffer,
): Promise<string> {
  // Expired messages are dead weight that may hold case content: drop them on the way.
  await db.query(`DELETE FROM message_buffer WHERE expires_at <= now()`);
  const rows: { id: string }[] = await db.query(
    `INSERT INTO message_buffer (message_name, correlation_key, variables, org_path, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      message.messageName,
      message.correlationKey,
      encryptJson(dataKey, message.variables),
      message.orgPath,
      message.expiresAt.toISOString(),
      message.createdBy,
    ],
  );
  return rows[0]!.id;
}

/**
 * For each subscription, takes at most one unexpired waiting message with its name and key
 * whose sender's unit covers the case, oldest first. Taken rows are marked with the subscription
 * and the step rather than deleted, so a retry of the same projection step returns them again
 * (`messagesTakenByStep`); they are deleted when the subscription closes.
 */
export async function takeBufferedMessages(
  db: EntityManager,
  orgPath: string,
  step: number,
  subscriptions: SubscriptionSpec[],
  dataKey: Buffer,
): Promise<BufferedMessage[]> {
  if (subscriptions.length === 0) return [];
  // Locks in one global order, so two projections never wait on each other in a cycle.
  const keys = [
    ...new Set(subscriptions.map((s) => JSON.stringify([s.messageName, s.correlationKey]))),
  ].sort();
  for (const key of keys) {
    const [name, correlationKey] = JSON.parse(key) as [string, string];
    await lockMessageKey(db, name, correlationKey);
  }
  const taken: BufferedMessage[] = [];
  for (const subscription of subscriptions) {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [BufferRow[], number] = await db.query(
      `UPDATE message_buffer SET taken_by = $1, taken_step = $2
       WHERE id = (
         SELECT id FROM message_buffer
         WHERE taken_by IS NULL AND message_name = $3 AND correlation_key = $4 AND expires_at > now()
           AND ${atOrBelow('$5::text', 'org_path')}
         ORDER BY created_at, id
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, message_name, correlation_key, variables`,
      [subscription.subscriptionId, step, subscription.messageName, subscription.correlationKey, orgPath],
    );
    const row = rows[0];
    if (row) taken.push(toBufferedMessage(row, dataKey));
  }
  return taken;
}

/** The messages one projection step of a case took: what a retried step hands back again. */
export async function messagesTakenByStep(
  db: EntityManager,
  instanceId: string,
  step: number,
  dataKey: Buffer,
): Promise<BufferedMessage[]> {
  const rows: BufferRow[] = await db.query(
    `SELECT b.id, b.message_name, b.correlation_key, b.variables
     FROM message_buffer b JOIN message_subscription s ON s.id = b.taken_by
     WHERE s.instance_id = $1 AND b.taken_step = $2
     ORDER BY b.created_at, b.id`,
    [instanceId, step],
  );
  return rows.map((row) => toBufferedMessage(row, dataKey));
}

/** Deletes the messages taken by subscriptions that have closed: they have been delivered. */
export async function deleteTakenMessages(db: EntityManager, subscriptionIds: string[]): Promise<void> {
  if (subscriptionIds.length === 0) return;
  await db.query(`DELETE FROM message_buffer WHERE taken_by = ANY($1)`, [subscriptionIds]);
}

function toBufferedMessage(row: BufferRow, dataKey: Buffer): BufferedMessage {
  return {
    messageId: row.id,
    messageName: row.message_name,
    correlationKey: row.correlation_key,
    variables: decryptJson<Variables>(dataKey, row.variables),
  };
}
