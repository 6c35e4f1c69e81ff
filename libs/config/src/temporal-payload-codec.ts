import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { deriveKey, keyId } from './key-derivation';

/** The `encoding` of a payload this codec sealed; anything else passes through untouched. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key that sealed a payload (rotation, and per-case keys later). */
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/**
 * Encrypts every payload the api and the worker hand to Temporal (workflow inputs, activity
 * arguments and results, updates, queries), so the server's history — its database, the Web UI,
 * `temporal workflow show` — holds ciphertext only. AES-256-GCM over the whole original payload
 * (its metadata too, so even the converter's encoding is hidden); the key id travels in the
 * metadata and is authenticated as additional data.
 *
 * `keys[0]` seals; every key in the list opens. Payloads that are not sealed (histories recorded
 * before the codec existed) decode as they are, so running cases and recorded histories replay.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly sealing: PayloadKey;
  private readonly opening: Map<string, Buffer>;

  constructor(keys: readonly PayloadKey[]) {
    const [first] = keys;
    if (!first) throw new Error('AesGcmPayloadCodec needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Payload key ${id} must be 32 bytes, got ${key.length}`);
    }
    this.sealing = first;
    this.opening = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.open(payload));
  }

  private seal(payload: Payload): Payload {
    const { id, key } = this.sealing;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(utf8(id));
    const sealed = Buffer.concat([
      cipher.update(serializePayload(payload)),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return {
      metadata: {
        encoding: utf8(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8(id),
        [CIPHER_METADATA]: utf8(CIPHER),
      },
      data: Buffer.concat([iv, sealed]),
    };
  }

  private open(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const id = text(payload.metadata?.[KEY_ID_METADATA]) ?? '(none)';
    const key = this.opening.get(id);
    if (!key) {
      throw new Error(
        `A Temporal payload is sealed with key ${id}, which this process does not hold (was CAREPATH_DATA_KEY changed?)`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`A sealed Temporal payload is truncated (${id})`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(utf8(id));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return deserializePayload(plain);
  }
}

/** The codec of this deployment: one key, derived from CAREPATH_DATA_KEY (label 'temporal-payload'). */
export function temporalPayloadCodec(dataKey: Buffer): AesGcmPayloadCodec {
  const key = deriveKey(dataKey, 'temporal-payload');
  return new AesGcmPayloadCodec([{ id: keyId('temporal-payload', key), key }]);
}

/**
 * What every Temporal client and worker of CarePath is given (api, worker, tests, benchmarks):
 * the codec, and a failure converter that moves failure messages and stack traces into a payload
 * the codec seals (temporal-failure-converter.ts). A worker that bundles the workflows at start
 * bundles that converter too; the prebuilt bundle is built with it (scripts/bundle-workflows.mjs).
 */
export function temporalDataConverter(dataKey: Buffer): DataConverter {
  return {
    payloadCodecs: [temporalPayloadCodec(dataKey)],
    failureConverterPath: TEMPORAL_FAILURE_CONVERTER_PATH,
  };
}

/** The module exporting `failureConverter`, as Temporal loads it by path. */
export const TEMPORAL_FAILURE_CONVERTER_PATH = require.resolve('./temporal-failure-converter');

/*
 * A payload as bytes: the metadata entries (count, then length-prefixed key and value each) and
 * the data. Hand-rolled rather than protobuf so that nothing beyond the SDK's public types is
 * needed; the format is internal to the ciphertext.
 */
function serializePayload(payload: Payload): Buffer {
  const entries = Object.entries(payload.metadata ?? {});
  const parts: Buffer[] = [u32(entries.length)];
  for (const [name, value] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    parts.push(u32(nameBytes.length), nameBytes, u32(value.length), Buffer.from(value));
  }
  parts.push(Buffer.from(payload.data ?? new Uint8Array()));
  return Buffer.concat(parts);
}

function deserializePayload(bytes: Buffer): Payload {
  let offset = 0;
  const take = (length: number): Buffer => {
    if (offset + length > bytes.length) throw new Error('A decrypted Temporal payload is malformed');
    const slice = bytes.subarray(offset, offset + length);
    offset += length;
    return slice;
  };
  const count = take(4).readUInt32BE(0);
  const metadata: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i += 1) {
    const name = take(take(4).readUInt32BE(0)).toString('utf8');
    metadata[name] = new Uint8Array(take(take(4).readUInt32BE(0)));
  }
  return { metadata, data: new Uint8Array(bytes.subarray(offset)) };
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value, 0);
  return buffer;
}
