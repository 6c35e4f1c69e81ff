import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Sensitive fields at rest, AES-256-GCM, told apart by their prefix:
 * - `v1:` + base64(iv | tag | ciphertext), under the deployment key (CAREPATH_DATA_KEY): student
 *   personal data and buffered messages, which outlive any one case;
 * - `v2:<key id>:` + base64(iv | ciphertext | tag), under a case's own key (case-keys.ts): the
 *   sensitive values of a case, which purging the case (消档) destroys with its key. The prefix
 *   and key id are authenticated, so a value cannot be passed off as another key's.
 * It lives in persistence because both the api and the worker read and write sealed values.
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

/** A case's data key in the clear (only ever in memory): its id and 32 bytes. */
export interface CaseKey {
  id: string;
  key: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** `v2:<16 hex digits>:<base64>`: what a value sealed with a case key looks like. */
const SEALED_V2 = /^v2:([0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/;

/** Seals one value (any JSON) with a case's key: `v2:<key id>:<base64(iv | ciphertext | tag)>`. */
export function sealForCase(caseKey: CaseKey, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', caseKey.key, iv);
  cipher.setAAD(Buffer.from(`v2:${caseKey.id}`, 'utf8'));
  const sealed = Buffer.concat([
    iv,
    cipher.update(JSON.stringify(value ?? null), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `v2:${caseKey.id}:${sealed.toString('base64')}`;
}

/** The key id of a value sealed with a case key, or null for anything else. */
export function sealedKeyId(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('v2:')) return null;
  return SEALED_V2.exec(value)?.[1] ?? null;
}

/**
 * Opens a `v2:` value with its case key. Throws when the value is not sealed with this key or
 * was altered (GCM authenticates the prefix, the key id and the ciphertext).
 */
export function openForCase(caseKey: CaseKey, sealed: string): unknown {
  const match = SEALED_V2.exec(sealed);
  if (!match || match[1] !== caseKey.id) throw new Error('Not a value sealed with this case key');
  const raw = Buffer.from(match[2] ?? '', 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('A sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', caseKey.key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(`v2:${caseKey.id}`, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  const plain = Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

/** What opening a stored field needs: the deployment key (`v1:`) and the case keys at hand (`v2:`). */
export interface FieldKeys {
  dataKey: Buffer;
  caseKeys: ReadonlyMap<string, CaseKey>;
}

/**
 * Opens a sealed field by its prefix: `v1:` with the deployment key, `v2:` with the case key its
 * id names. Returns `undefined` for a `v2:` value whose key is not at hand (destroyed by a purge,
 * or another case's): the caller decides what that reads as.
 */
export function openField(sealed: string, keys: FieldKeys): unknown {
  if (sealed.startsWith('v1:')) return decryptJson<unknown>(keys.dataKey, sealed);
  const id = sealedKeyId(sealed);
  if (id === null) throw new Error('Unknown encryption format');
  const caseKey = keys.caseKeys.get(id);
  return caseKey ? openForCase(caseKey, sealed) : undefined;
}
