import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from '../../config/src';
import type { CaseKey } from './field-crypto';

/*
 * Each screening's data key (docs/security.md, Screening results): 32 random bytes made with the
 * screening's row, stored only wrapped — AES-256-GCM under a key-encryption key derived from
 * CAREPATH_DATA_KEY (HKDF, label `screening-key-wrap`), the screening id as additional data, so a
 * wrapped key moved to another screening's row does not open. The raw answers of the screening's
 * results are sealed with it in the `v2:<key id>:` format of field-crypto.ts; destroying the
 * wrapped key one day destroys the answers while the scores stay.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A new screening key, in the clear for sealing now and wrapped for storing. */
export function newScreeningKey(dataKey: Buffer, screeningId: string): { key: CaseKey; wrapped: Buffer } {
  const key: CaseKey = { id: randomBytes(8).toString('hex'), key: randomBytes(32) };
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(dataKey, 'screening-key-wrap'), iv);
  cipher.setAAD(Buffer.from(screeningId, 'utf8'));
  const wrapped = Buffer.concat([iv, cipher.update(key.key), cipher.final(), cipher.getAuthTag()]);
  return { key, wrapped };
}

/** Opens a stored screening key; throws when it was altered or belongs to another screening. */
export function openScreeningKey(
  dataKey: Buffer,
  screeningId: string,
  keyId: string,
  wrapped: Buffer,
): CaseKey {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(dataKey, 'screening-key-wrap'),
    wrapped.subarray(0, IV_BYTES),
  );
  decipher.setAAD(Buffer.from(screeningId, 'utf8'));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
  const key = Buffer.concat([
    decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)),
    decipher.final(),
  ]);
  return { id: keyId, key };
}
