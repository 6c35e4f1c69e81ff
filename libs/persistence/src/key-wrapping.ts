import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey, type KeyPurpose } from '../../config/src';

/*
 * Data keys (a case's, a screening's) are stored only wrapped: AES-256-GCM under a key-encryption
 * key derived from CAREPATH_DATA_KEY for the purpose (HKDF), with the owner's id as additional
 * data, so a wrapped key moved to another owner's row does not open (docs/adr/0020).
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function wrapKey(
  dataKey: Buffer,
  purpose: Extract<KeyPurpose, 'case-key-wrap' | 'screening-key-wrap'>,
  ownerId: string,
  key: Buffer,
): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(dataKey, purpose), iv);
  cipher.setAAD(Buffer.from(ownerId, 'utf8'));
  return Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
}

/** The key `wrapKey` wrapped; throws when it was altered or belongs to another owner. */
export function unwrapKey(
  dataKey: Buffer,
  purpose: Extract<KeyPurpose, 'case-key-wrap' | 'screening-key-wrap'>,
  ownerId: string,
  wrapped: Buffer,
): Buffer {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(dataKey, purpose),
    wrapped.subarray(0, IV_BYTES),
  );
  decipher.setAAD(Buffer.from(ownerId, 'utf8'));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)),
    decipher.final(),
  ]);
}
