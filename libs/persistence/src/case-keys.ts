import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CaseKey } from './field-crypto';
import { unwrapKey, wrapKey } from './key-wrapping';

/*
 * Each case's data key (docs/adr/0020-per-case-keys-seal-and-purge.md): 32 random bytes made
 * with the case's row, stored only wrapped — AES-256-GCM under a key-encryption key derived from
 * CAREPATH_DATA_KEY (HKDF, label `case-key-wrap`), the instance id as additional data, so a
 * wrapped key moved to another case's row does not open. Purging the case destroys it.
 */

/**
 * Makes the case's key unless it has one: called in the transaction that inserts the case's row
 * (api start, prepareChild, createTimerCase, the first projection), and before sealing anything
 * of a case created before keys existed.
 */
export async function createCaseKey(db: EntityManager, dataKey: Buffer, instanceId: string): Promise<void> {
  await db.query(
    `INSERT INTO case_key (instance_id, key_id, wrapped)
     SELECT $1::uuid, $2, $3 WHERE EXISTS (SELECT 1 FROM process_instance WHERE id = $1::uuid)
     ON CONFLICT (instance_id) DO NOTHING`,
    [
      instanceId,
      randomBytes(8).toString('hex'),
      wrapKey(dataKey, 'case-key-wrap', instanceId, randomBytes(32)),
    ],
  );
}

/** A case's key as stored: live (opened), destroyed by a purge, or none yet. */
export type CaseKeyState =
  | { state: 'live'; caseKey: CaseKey }
  | { state: 'destroyed'; keyId: string; destroyedAt: Date }
  | { state: 'none' };

interface KeyRow {
  instance_id: string;
  key_id: string;
  wrapped: Buffer | null;
  destroyed_at: Date | null;
}

function keyState(dataKey: Buffer, row: KeyRow | undefined): CaseKeyState {
  if (!row) return { state: 'none' };
  if (!row.wrapped)
    return { state: 'destroyed', keyId: row.key_id, destroyedAt: row.destroyed_at ?? new Date(0) };
  return {
    state: 'live',
    caseKey: { id: row.key_id, key: unwrapKey(dataKey, 'case-key-wrap', row.instance_id, row.wrapped) },
  };
}

export async function readCaseKey(
  db: EntityManager,
  dataKey: Buffer,
  instanceId: string,
): Promise<CaseKeyState> {
  const rows: KeyRow[] = await db.query(
    `SELECT instance_id, key_id, wrapped, destroyed_at FROM case_key WHERE instance_id = $1`,
    [instanceId],
  );
  return keyState(dataKey, rows[0]);
}

/**
 * The key to seal a case's values with: made now for a case that predates keys; null once the
 * case is purged (nothing new of it may be kept readable), or when the case has no row.
 */
export async function sealingKey(
  db: EntityManager,
  dataKey: Buffer,
  instanceId: string,
): Promise<CaseKey | null> {
  let current = await readCaseKey(db, dataKey, instanceId);
  if (current.state === 'none') {
    await createCaseKey(db, dataKey, instanceId);
    current = await readCaseKey(db, dataKey, instanceId);
  }
  return current.state === 'live' ? current.caseKey : null;
}

/**
 * The live keys that may open a case's values, by key id: its own and those of the cases it was
 * called from or called (a call activity hands sealed values across unchanged), never another
 * case's. Destroyed keys are simply absent: their values read as purged.
 */
export async function caseFamilyKeys(
  db: EntityManager,
  dataKey: Buffer,
  instanceId: string,
): Promise<Map<string, CaseKey>> {
  const rows: KeyRow[] = await db.query(
    `WITH RECURSIVE up(id, parent_id) AS (
       SELECT id, parent_id FROM process_instance WHERE id = $1
       UNION SELECT p.id, p.parent_id FROM process_instance p JOIN up ON p.id = up.parent_id
     ), down(id) AS (
       SELECT id FROM process_instance WHERE id = $1
       UNION SELECT c.id FROM process_instance c JOIN down ON c.parent_id = down.id
     )
     SELECT k.instance_id, k.key_id, k.wrapped, k.destroyed_at FROM case_key k
     WHERE k.wrapped IS NOT NULL AND (k.instance_id IN (SELECT id FROM up) OR k.instance_id IN (SELECT id FROM down))`,
    [instanceId],
  );
  const keys = new Map<string, CaseKey>();
  for (const row of rows) {
    const state = keyState(dataKey, row);
    if (state.state === 'live') keys.set(state.caseKey.id, state.caseKey);
  }
  return keys;
}

/**
 * Destroys the keys of a case and of every case it called (they are part of its file): the
 * wrapped copies become null. Returns the ids of the cases whose key was destroyed now (empty
 * when already done, so a retried purge changes nothing).
 */
export async function destroyCaseKeys(db: EntityManager, instanceId: string): Promise<string[]> {
  const [rows]: [{ instance_id: string }[], number] = await db.query(
    `WITH RECURSIVE down(id) AS (
       SELECT id FROM process_instance WHERE id = $1
       UNION SELECT c.id FROM process_instance c JOIN down ON c.parent_id = down.id
     )
     UPDATE case_key SET wrapped = NULL, destroyed_at = now()
     WHERE instance_id IN (SELECT id FROM down) AND wrapped IS NOT NULL
     RETURNING instance_id`,
    [instanceId],
  );
  return rows.map((row) => row.instance_id);
}
