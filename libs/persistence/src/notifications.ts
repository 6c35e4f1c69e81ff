import type { EntityManager } from 'typeorm';

export interface NewNotifications {
  recipientIds: string[];
  instanceId: string | null;
  taskId: string | null;
  kind: string;
  orgPath: string;
  /** Says that there is work and where; never case content (the caller guarantees it). */
  title: string;
  /** Identifies what sent them (e.g. a job): the same key and recipient are stored once. */
  idempotencyKey: string;
}

/** Stores one notification per recipient in one statement; returns how many were new. */
export async function recordNotifications(
  db: EntityManager,
  notifications: NewNotifications,
): Promise<number> {
  if (notifications.recipientIds.length === 0) return 0;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO notification (recipient_id, instance_id, task_id, kind, org_path, title, idempotency_key)
     SELECT recipient_id, $2, $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) AS r(recipient_id)
     ON CONFLICT (idempotency_key, recipient_id) DO NOTHING
     RETURNING id`,
    [
      notifications.recipientIds,
      notifications.instanceId,
      notifications.taskId,
      notifications.kind,
      notifications.orgPath,
      notifications.title,
      notifications.idempotencyKey,
    ],
  );
  return rows.length;
}
