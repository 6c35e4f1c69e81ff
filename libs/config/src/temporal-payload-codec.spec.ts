import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { deriveKey, keyId } from './key-derivation';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  temporalPayloadCodec,
} from './temporal-payload-codec';

const text = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);

describe('AesGcmPayloadCodec', () => {
  const dataKey = randomBytes(32);
  const codec = temporalPayloadCodec(dataKey);
  const concern = { concern: '她说不想活了 (she said she does not want to live)', riskLevel: 'high' };

  it('seals a payload so that neither its data nor its encoding can be read, and opens it again', async () => {
    const [sealed] = await codec.encode([payloadOf(concern)]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe(
      keyId('temporal-payload', deriveKey(dataKey, 'temporal-payload')),
    );
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('she said'))).toBe(false);
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('json/plain'))).toBe(false);

    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(concern);
    expect(text(opened!.metadata!.encoding)).toBe('json/plain');
  });

  it('seals the same value differently every time (a fresh IV per payload)', async () => {
    const [a, b] = await codec.encode([payloadOf(concern), payloadOf(concern)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes payloads through that were never sealed (histories recorded before the codec)', async () => {
    const plain = [payloadOf(concern), payloadOf(null), payloadOf(new Uint8Array([1, 2]))];
    expect(await codec.decode(plain)).toEqual(plain);
  });

  it('refuses a sealed payload that was altered, or whose key id was swapped', async () => {
    const [sealed] = await codec.encode([payloadOf(concern)]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow();

    // the same key under another name: the key id is authenticated data, so this fails too
    const key = deriveKey(dataKey, 'temporal-payload');
    const renamed = new AesGcmPayloadCodec([{ id: 'renamed', key }]);
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('renamed') },
    };
    await expect(renamed.decode([relabelled])).rejects.toThrow();
  });

  it('names the missing key when a payload was sealed with a key this process does not hold', async () => {
    const [sealed] = await temporalPayloadCodec(randomBytes(32)).encode([payloadOf(concern)]);
    await expect(codec.decode([sealed!])).rejects.toThrow(/sealed with key temporal-payload:[0-9a-f]{16}/);
  });

  it('opens with any key of its ring and seals with the first (rotation)', async () => {
    const old = { id: 'old', key: randomBytes(32) };
    const current = { id: 'current', key: randomBytes(32) };
    const [sealedWithOld] = await new AesGcmPayloadCodec([old]).encode([payloadOf(concern)]);
    const rotated = new AesGcmPayloadCodec([current, old]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealedWithOld!]))[0]!)).toEqual(
      concern,
    );
    const [sealedNow] = await rotated.encode([payloadOf(concern)]);
    expect(text(sealedNow!.metadata![KEY_ID_METADATA])).toBe('current');
  });

  it('derives a key of its own, unlike the audit head key, from CAREPATH_DATA_KEY', () => {
    expect(deriveKey(dataKey, 'temporal-payload').equals(deriveKey(dataKey, 'audit-head'))).toBe(false);
    expect(deriveKey(dataKey, 'temporal-payload').equals(dataKey)).toBe(false);
    expect(deriveKey(dataKey, 'temporal-payload')).toEqual(
      deriveKey(Buffer.from(dataKey), 'temporal-payload'),
    );
  });
});
