import type { EntityManager } from 'typeorm';
import type { EngineEvent } from '../../engine/src';
import { hashEntry } from './audit-chain';
import { type AuditHeadKey, isAuthenticHead, readAuditHead, signAuditHead } from './audit-head';

/** An audit entry: one the engine recorded, or one of the case file's own (seal, purge). */
export interface AuditEntry extends Omit<EngineEvent, 'type'> {
  type:
    | EngineEvent['type']
    | 'case.sealed'
    | 'case.purged'
    | 'case.purge.blocked'
    | 'case.legalHold.placed'
    | 'case.legalHold.released'
    | 'case.breakGlass.granted';
}

/**
 * Appends entries to a case's audit chain and signs its new head, in the caller's transaction
 * (which must hold the case's row lock, so appends of one case never interleave). Used by the
 * projection writer for a step's events and by the case-file handlers (`case.sealed`,
 * `case.purged`). Entries are hashed over their data as stored: sealed values stay
 * ciphertext in the hash, so the chain verifies before and after a purge. Returns the sequence
 * number of the first entry appended (null when there were none).
 */
export async function appendAuditEvents(
  db: EntityManager,
  instanceId: string,
  events: AuditEntry[],
  signing: AuditHeadKey,
): Promise<number | null> {
  if (events.length === 0) return null;
  // The chain continues from its signed head. A head that is missing while entries exist, or
  // that the key did not sign, means the chain was tampered with (or predates heads): the
  // entries still chain from the last one, but the head is never re-signed over such a chain,
  // so verification keeps reporting it. A cut tail under a genuine head leaves a visible gap.
  const head = await readAuditHead(db, instanceId);
  let seq: number;
  let prevHash: string | null;
  let sign: boolean;
  if (head && isAuthenticHead(head, signing)) {
    ({ seq, hash: prevHash } = head);
    sign = true;
  } else {
    const last: { seq: number; hash: string }[] = await db.query(
      `SELECT seq, hash FROM audit_event WHERE instance_id = $1 ORDER BY seq DESC LIMIT 1`,
      [instanceId],
    );
    seq = last[0]?.seq ?? 0;
    prevHash = last[0]?.hash ?? null;
    sign = !head && !last[0];
  }
  const entries = events.map((event) => {
    seq += 1;
    const entry = {
      instanceId,
      seq,
      at: event.at,
      type: event.type,
      elementId: event.elementId ?? null,
      actor: event.actor ?? null,
      data: event.data ?? {},
      prevHash,
    };
    const hash = hashEntry(entry);
    prevHash = hash;
    return { ...entry, hash };
  });
  // One statement for the whole step, however many entries it has.
  await db.query(
    `INSERT INTO audit_event (instance_id, seq, at, type, element_id, actor, data, hash, prev_hash)
     SELECT $1::uuid, e.seq, e.at, e.type, e.element_id, e.actor, e.data, e.hash, e.prev_hash
     FROM unnest($2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::text[])
       AS e(seq, at, type, element_id, actor, data, hash, prev_hash)`,
    [
      instanceId,
      entries.map((entry) => entry.seq),
      entries.map((entry) => entry.at),
      entries.map((entry) => entry.type),
      entries.map((entry) => entry.elementId),
      entries.map((entry) => entry.actor),
      entries.map((entry) => JSON.stringify(entry.data)),
      entries.map((entry) => entry.hash),
      entries.map((entry) => entry.prevHash),
    ],
  );
  if (sign && prevHash) await signAuditHead(db, signing, { instanceId, seq, hash: prevHash });
  return entries[0]!.seq;
}
