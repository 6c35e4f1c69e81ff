import type { Payload, PayloadCodec } from '@temporalio/common';

type Node = Record<string, unknown>;

const isPayload = (value: Node): value is Node & Payload =>
  value.metadata !== null &&
  typeof value.metadata === 'object' &&
  (value.metadata as Node).encoding instanceof Uint8Array;

/** Every Payload anywhere in a fetched history (inputs, results, updates, headers, failures…). */
export function payloadsOf(history: unknown): Payload[] {
  const found: Payload[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (Array.isArray(value)) return value.forEach(walk);
    const node = value as Node;
    if (isPayload(node)) found.push(node);
    else Object.values(node).forEach(walk);
  };
  walk(history);
  return found;
}

/**
 * Decodes, in place, every payload of a history fetched from a server where cases run with the
 * payload codec: a recorded history (RECORD_HISTORIES=1) must replay in CI without the key of
 * the run that recorded it.
 */
export async function decodeHistoryPayloads<T>(history: T, codec: PayloadCodec): Promise<T> {
  for (const payload of payloadsOf(history)) {
    const [decoded] = await codec.decode([payload]);
    payload.metadata = decoded!.metadata ?? null;
    payload.data = decoded!.data ?? null;
  }
  return history;
}

/**
 * Every byte string and string in a history, for asserting that some plaintext appears nowhere
 * in what the Temporal server stores.
 */
export function historyContains(history: unknown, plaintext: string): boolean {
  const needle = Buffer.from(plaintext, 'utf8');
  const walk = (value: unknown): boolean => {
    if (typeof value === 'string') return value.includes(plaintext);
    if (value instanceof Uint8Array) return Buffer.from(value).includes(needle);
    if (value === null || typeof value !== 'object') return false;
    return Object.values(value as Node).some(walk);
  };
  return walk(history);
}
