import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers (docs/api.md: canonical JSON including prevHash). */
export interface ChainedEntry {
  instanceId: string;
  seq: number;
  at: string;
  type: string;
  elementId: string | null;
  actor: string | null;
  data: Record<string, unknown>;
  prevHash: string | null;
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEntry(entry: ChainedEntry): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/** Checks a whole chain in order; returns the seq of the first broken entry, or null. */
export function findBrokenLink(entries: (ChainedEntry & { hash: string })[]): number | null {
  let prev: string | null = null;
  for (const entry of entries) {
    const { hash, ...content } = entry;
    if (content.prevHash !== prev || hashEntry(content) !== hash) return entry.seq;
    prev = hash;
  }
  return null;
}
