import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { deriveKey, keyId } from '../../config/src';
import { canonicalJson } from './audit-chain';

/** The last entry of a case's audit chain, as its signed head records it. */
export interface AuditHead {
  instanceId: string;
  seq: number;
  hash: string;
  keyId: string;
  mac: string;
}

export interface AuditHeadKey {
  id: string;
  key: Buffer;
}

/** The key that signs audit heads: HKDF of CAREPATH_DATA_KEY with the label 'audit-head'. */
export function auditHeadKey(dataKey: Buffer): AuditHeadKey {
  const key = deriveKey(dataKey, 'audit-head');
  return { id: keyId('audit-head', key), key };
}

/** HMAC-SHA256 over the canonical JSON of (instanceId, seq, hash), hex. */
export function auditHeadMac(key: Buffer, head: Pick<AuditHead, 'instanceId' | 'seq' | 'hash'>): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ instanceId: head.instanceId, seq: head.seq, hash: head.hash }))
    .digest('hex');
}

/** Whether the head was signed with this key (comparing MACs in constant time). */
export function isAuthenticHead(head: AuditHead, signing: AuditHeadKey): boolean {
  if (head.keyId !== signing.id) return false;
  const expected = Buffer.from(auditHeadMac(signing.key, head), 'hex');
  const actual = Buffer.from(head.mac, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function readAuditHead(db: EntityManager, instanceId: string): Promise<AuditHead | null> {
  const rows: { seq: number; hash: string; key_id: string; mac: string }[] = await db.query(
    `SELECT seq, hash, key_id, mac FROM audit_head WHERE instance_id = $1`,
    [instanceId],
  );
  const row = rows[0];
  return row ? { instanceId, seq: row.seq, hash: row.hash, keyId: row.key_id, mac: row.mac } : null;
}

/** Signs and stores the head; part of the transaction that appended the entries it names. */
export async function signAuditHead(
  db: EntityManager,
  signing: AuditHeadKey,
  head: Pick<AuditHead, 'instanceId' | 'seq' | 'hash'>,
): Promise<void> {
  await db.query(
    `INSERT INTO audit_head (instance_id, seq, hash, key_id, mac) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (instance_id) DO UPDATE
       SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, key_id = EXCLUDED.key_id, mac = EXCLUDED.mac,
           updated_at = now()`,
    [head.instanceId, head.seq, head.hash, signing.id, auditHeadMac(signing.key, head)],
  );
}
