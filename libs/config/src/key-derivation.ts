import { createHash, hkdfSync } from 'node:crypto';

/**
 * What a key derived from CAREPATH_DATA_KEY is for. Each purpose gets its own key, so one use
 * (say, signing audit heads) never hands out material usable for another (decrypting payloads).
 */
export type KeyPurpose =
  | 'audit-head'
  | 'temporal-payload'
  | 'case-key-wrap'
  | 'student-name-index'
  | 'screening-key-wrap'
  | 'screening-content';

const derived = new Map<string, Buffer>();

/**
 * HKDF-SHA256 (RFC 5869) with CAREPATH_DATA_KEY as input key material, an empty salt (the master
 * key is already uniformly random) and the purpose as `info`; 32 bytes. Memoised: the api and the
 * worker ask for the same two keys on every step.
 */
export function deriveKey(masterKey: Buffer, purpose: KeyPurpose): Buffer {
  const cacheKey = `${purpose}:${createHash('sha256').update(masterKey).digest('hex')}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), purpose, 32));
    derived.set(cacheKey, key);
  }
  return key;
}

/**
 * Names a key without revealing it: the purpose and the first 8 bytes of SHA-256 of the key.
 * Stored beside what the key protects, so that a reader with several keys (after a rotation)
 * knows which one to use, and a reader holding none of them says which one is missing.
 */
export function keyId(purpose: KeyPurpose, key: Buffer): string {
  return `${purpose}:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
