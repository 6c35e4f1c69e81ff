import { randomBytes } from 'node:crypto';
import type { CaseKey } from './field-crypto';
import { unwrapKey, wrapKey } from './key-wrapping';

/*
 * Each screening's data key (docs/security.md, Screening results): 32 random bytes made with the
 * screening's row, stored only wrapped — AES-256-GCM under a key-encryption key derived from
 * CAREPATH_DATA_KEY (HKDF, label `screening-key-wrap`), the screening id as additional data, so a
 * wrapped key moved to another screening's row does not open. The raw answers of the screening's
 * results are sealed with it in the `v2:<key id>:` format of field-crypto.ts; destroying the
 * wrapped key one day destroys the answers while the scores stay.
 */

/** A new screening key, in the clear for sealing now and wrapped for storing. */
export function newScreeningKey(dataKey: Buffer, screeningId: string): { key: CaseKey; wrapped: Buffer } {
  const key: CaseKey = { id: randomBytes(8).toString('hex'), key: randomBytes(32) };
  return { key, wrapped: wrapKey(dataKey, 'screening-key-wrap', screeningId, key.key) };
}

/** Opens a stored screening key; throws when it was altered or belongs to another screening. */
export function openScreeningKey(
  dataKey: Buffer,
  screeningId: string,
  keyId: string,
  wrapped: Buffer,
): CaseKey {
  return { id: keyId, key: unwrapKey(dataKey, 'screening-key-wrap', screeningId, wrapped) };
}
