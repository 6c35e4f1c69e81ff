import type { EntityManager } from 'typeorm';
import { encryptJson } from './field-crypto';

/**
 * The outbox: messages to people who are no users (a student's guardians), stored for a
 * delivery adapter to send. No SMS gateway is wired in this repository: an adapter reads the
 * `pending` rows, unseals the recipient with CAREPATH_DATA_KEY, sends, and sets `sent` (or
 * `failed`, counting `attempts`). docs/service-handlers.md#outbox.
 */

/**
 * The one text a guardian ever receives from a case: that the school's mental-health staff
 * need to talk to them, nothing about what (R10). An SMS may be read by anyone holding the phone.
 */
export const GUARDIAN_NOTICE_TEXT = '学校心理健康工作人员有事项需与您联系，请留意来电。';

export interface NewOutboundMessage {
  /** The address (a phone number): stored sealed. */
  recipient: string;
  /** Unique per message: a retried sender inserts nothing twice. */
  idempotencyKey: string;
}

/** Queues one SMS per message, all with `body`; returns how many were new. */
export async function queueSms(
  db: EntityManager,
  dataKey: Buffer,
  context: { instanceId: string | null; orgPath: string; body: string },
  messages: readonly NewOutboundMessage[],
): Promise<number> {
  if (messages.length === 0) return 0;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO outbound_message (channel, recipient_sealed, body, instance_id, org_path, idempotency_key)
     SELECT 'sms', m.recipient_sealed, $1, $2, $3, m.idempotency_key
     FROM unnest($4::text[], $5::text[]) AS m(recipient_sealed, idempotency_key)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
    [
      context.body,
      context.instanceId,
      context.orgPath,
      messages.map((message) => encryptJson(dataKey, message.recipient)),
      messages.map((message) => message.idempotencyKey),
    ],
  );
  return rows.length;
}
