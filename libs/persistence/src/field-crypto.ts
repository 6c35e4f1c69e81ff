import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Sensitive fields at rest: AES-256-GCM, "v1:" + base64(iv | tag | ciphertext). The version
 * prefix lets a later per-case key scheme (needed for 消档 purge) coexist with this one.
 * It lives in persistence because both the api (students, buffered messages) and the worker
 * (buffered messages handed to a case) read and write sealed columns.
 */
export function encryptJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

export function decryptJson<T>(key: Buffer, sealed: string): T {
  if (!sealed.startsWith('v1:')) throw new Error('Unknown encryption format');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(
    Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
  ) as T;
}
