import type { DataSource, EntityManager } from 'typeorm';
import { appendAuditEvents } from './audit-append';
import { auditHeadKey } from './audit-head';
import { destroyCaseKeys } from './case-keys';

/** Which job asked, for the audit entry (the handlers are keyed by it: ADR 0020). */
export interface CaseFileJob {
  instanceId: string;
  jobId: string;
  elementId: string;
}

/**
 * Seals a case file (封存, handler `seal-case`): from now on it is read-only for everyone and the
 * api answers its reads only with a reason. Records `case.sealed` in the audit chain. Idempotent:
 * a sealed case stays sealed at its first time and gets no second entry. Returns whether this
 * call sealed it.
 */
export async function sealCaseFile(
  dataSource: DataSource,
  dataKey: Buffer,
  job: CaseFileJob,
): Promise<boolean> {
  return dataSource.transaction(async (db) => {
    const [rows]: [{ sealed_at: Date }[], number] = await db.query(
      `UPDATE process_instance SET sealed_at = now(), updated_at = now()
       WHERE id = $1 AND sealed_at IS NULL RETURNING sealed_at`,
      [job.instanceId],
    );
    const sealedAt = rows[0]?.sealed_at;
    if (!sealedAt) return false;
    await appendAuditEvents(
      db,
      job.instanceId,
      [
        {
          type: 'case.sealed',
          at: sealedAt.toISOString(),
          elementId: job.elementId,
          data: { jobId: job.jobId },
        },
      ],
      auditHeadKey(dataKey),
    );
    return true;
  });
}

/** Why a purge cannot happen yet: a case it called is still running (its content is in use). */
export class PurgeRefused extends Error {}

/**
 * Purges a case (消档, handler `purge-case`): destroys its key and the keys of the cases it
 * called, so every value sealed with them — in PostgreSQL and in any Temporal history still kept
 * — can no longer be opened. Rows stay: who had which task when, the audit chain and its signed
 * head, which still verify (entries are hashed over ciphertext). Records `case.purged` once and
 * seals the case if it was not. Idempotent: a second run destroys nothing and records nothing.
 * Refused while a called case is still active.
 *
 * Under a legal hold nothing is destroyed: the hold is checked in this same transaction, under
 * the case's row lock (which releasing a hold takes too), the first blocked run records
 * `case.purge.blocked` and notes the job on the hold, and the job succeeds. Releasing the hold
 * then purges in its own transaction (`purgeHeldCase`), so nobody has to run the step again
 * (docs/adr/0024-legal-hold-break-glass-and-reads.md). Returns true only when this call purged.
 */
export async function purgeCaseFile(
  dataSource: DataSource,
  dataKey: Buffer,
  job: CaseFileJob,
): Promise<boolean> {
  return dataSource.transaction(async (db) => {
    await refuseWhileCalledCasesRun(db, job);
    // Serialises with the projection of this case, which appends to the same chain, and with
    // placing or releasing a legal hold.
    const locked: { purged_at: Date | null }[] = await db.query(
      `SELECT purged_at FROM process_instance WHERE id = $1 FOR UPDATE`,
      [job.instanceId],
    );
    if (!locked[0] || locked[0].purged_at) return false;
    const holds: { id: string; purge_blocked_at: Date | null }[] = await db.query(
      `SELECT id, purge_blocked_at FROM legal_hold WHERE instance_id = $1 AND released_at IS NULL`,
      [job.instanceId],
    );
    const hold = holds[0];
    if (hold) {
      if (hold.purge_blocked_at) return false;
      const [rows]: [{ purge_blocked_at: Date }[], number] = await db.query(
        `UPDATE legal_hold SET purge_blocked_at = now(), purge_job_id = $2, purge_element_id = $3
         WHERE id = $1 RETURNING purge_blocked_at`,
        [hold.id, job.jobId, job.elementId],
      );
      await appendAuditEvents(
        db,
        job.instanceId,
        [
          {
            type: 'case.purge.blocked',
            at: (rows[0]?.purge_blocked_at ?? new Date()).toISOString(),
            elementId: job.elementId,
            data: { jobId: job.jobId, legalHoldId: hold.id },
          },
        ],
        auditHeadKey(dataKey),
      );
      return false;
    }
    await destroyAndRecord(db, dataKey, job, {});
    return true;
  });
}

/**
 * The purge a legal hold blocked, done when the hold is released: in the releasing
 * transaction, which already holds the case's row lock. Refused (PurgeRefused) while a case it
 * called still runs.
 */
export async function purgeHeldCase(
  db: EntityManager,
  dataKey: Buffer,
  job: CaseFileJob,
  legalHoldId: string,
): Promise<void> {
  await refuseWhileCalledCasesRun(db, job);
  await destroyAndRecord(db, dataKey, job, { afterLegalHold: legalHoldId });
}

async function refuseWhileCalledCasesRun(db: EntityManager, job: CaseFileJob): Promise<void> {
  const running: { id: string }[] = await db.query(
    `WITH RECURSIVE down(id) AS (
       SELECT id FROM process_instance WHERE parent_id = $1
       UNION SELECT c.id FROM process_instance c JOIN down ON c.parent_id = down.id
     )
     SELECT p.id FROM process_instance p JOIN down ON down.id = p.id WHERE p.state = 'active'`,
    [job.instanceId],
  );
  if (running.length > 0) {
    throw new PurgeRefused(
      `purge-case at ${job.elementId}: the called case(s) ${running.map((row) => row.id).join(', ')} of case ${job.instanceId} are still running; purge after they end`,
    );
  }
}

async function destroyAndRecord(
  db: EntityManager,
  dataKey: Buffer,
  job: CaseFileJob,
  extra: Record<string, unknown>,
): Promise<void> {
  const destroyed = await destroyCaseKeys(db, job.instanceId);
  const [rows]: [{ purged_at: Date }[], number] = await db.query(
    `UPDATE process_instance SET purged_at = now(), sealed_at = COALESCE(sealed_at, now()), updated_at = now()
     WHERE id = ANY($1::uuid[]) AND purged_at IS NULL RETURNING purged_at`,
    [[job.instanceId, ...destroyed.filter((id) => id !== job.instanceId)]],
  );
  const purgedAt = rows[0]?.purged_at ?? new Date();
  await appendAuditEvents(
    db,
    job.instanceId,
    [
      {
        type: 'case.purged',
        at: purgedAt.toISOString(),
        elementId: job.elementId,
        data: { jobId: job.jobId, keysDestroyed: destroyed.length, ...extra },
      },
    ],
    auditHeadKey(dataKey),
  );
}
