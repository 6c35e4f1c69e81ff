import type { DataSource, EntityManager } from 'typeorm';
import { type ChainedEntry, findBrokenLink } from './audit-chain';
import { type AuditHead, type AuditHeadKey, auditHeadKey, isAuthenticHead } from './audit-head';

/** Why a chain fails verification. Fixed words and numbers only: never the entries' content. */
export type ChainProblemKind =
  /** An entry's hash or prevHash does not follow from the entry before it. */
  | 'broken-link'
  /** Entries exist but no signed head does (removed, or written before heads existed). */
  | 'unsigned'
  /** The head names a key this deployment does not hold. */
  | 'unknown-key'
  /** The head's MAC is wrong: it was written without the key. */
  | 'bad-signature'
  /** The chain does not end where its signed head says (its tail was cut, or entries added). */
  | 'head-mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The entry concerned, when there is one. */
  seq: number | null;
  message: string;
}

export interface ChainVerification {
  instanceId: string;
  valid: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  problems: ChainProblem[];
}

type StoredEntry = ChainedEntry & { hash: string };

/**
 * Checks one case's chain: every link, and that it ends at the entry its signed head names.
 * The entries and the head are read in one snapshot, so a step being written meanwhile (entries
 * and head commit together) never looks like a broken chain.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  instanceId: string,
  dataKey: Buffer,
): Promise<ChainVerification> {
  const [verification] = await verifyAuditChains(dataSource, [instanceId], dataKey);
  return verification!;
}

/** As verifyAuditChain, for several cases at once (the sweep's batches). */
export async function verifyAuditChains(
  dataSource: DataSource,
  instanceIds: string[],
  dataKey: Buffer,
): Promise<ChainVerification[]> {
  const signing = auditHeadKey(dataKey);
  const { entries, heads } = await dataSource.transaction('REPEATABLE READ', (db) =>
    readChains(db, instanceIds),
  );
  return instanceIds.map((instanceId) =>
    judgeChain(instanceId, entries.get(instanceId) ?? [], heads.get(instanceId) ?? null, signing),
  );
}

async function readChains(
  db: EntityManager,
  instanceIds: string[],
): Promise<{ entries: Map<string, StoredEntry[]>; heads: Map<string, AuditHead> }> {
  const rows: {
    instance_id: string;
    seq: number;
    at: Date;
    type: string;
    element_id: string | null;
    actor: string | null;
    data: Record<string, unknown>;
    hash: string;
    prev_hash: string | null;
  }[] = await db.query(
    `SELECT instance_id, seq, at, type, element_id, actor, data, hash, prev_hash FROM audit_event
     WHERE instance_id = ANY($1::uuid[]) ORDER BY instance_id, seq`,
    [instanceIds],
  );
  const headRows: { instance_id: string; seq: number; hash: string; key_id: string; mac: string }[] =
    await db.query(
      `SELECT instance_id, seq, hash, key_id, mac FROM audit_head WHERE instance_id = ANY($1::uuid[])`,
      [instanceIds],
    );
  const entries = new Map<string, StoredEntry[]>();
  for (const row of rows) {
    let chain = entries.get(row.instance_id);
    if (!chain) entries.set(row.instance_id, (chain = []));
    chain.push({
      instanceId: row.instance_id,
      seq: row.seq,
      at: row.at.toISOString(),
      type: row.type,
      elementId: row.element_id,
      actor: row.actor,
      data: row.data,
      prevHash: row.prev_hash,
      hash: row.hash,
    });
  }
  const heads = new Map(
    headRows.map((row) => [
      row.instance_id,
      { instanceId: row.instance_id, seq: row.seq, hash: row.hash, keyId: row.key_id, mac: row.mac },
    ]),
  );
  return { entries, heads };
}

function judgeChain(
  instanceId: string,
  chain: StoredEntry[],
  head: AuditHead | null,
  signing: AuditHeadKey,
): ChainVerification {
  const problems: ChainProblem[] = [];
  const broken = findBrokenLink(chain);
  if (broken !== null) {
    problems.push({
      kind: 'broken-link',
      seq: broken,
      message: `Entry ${broken} does not follow from the one before it`,
    });
  }
  const last = chain[chain.length - 1];
  if (!head) {
    if (last)
      problems.push({ kind: 'unsigned', seq: null, message: 'The chain has entries but no signed head' });
  } else if (head.keyId !== signing.id) {
    problems.push({
      kind: 'unknown-key',
      seq: head.seq,
      message: `The head is signed with key ${head.keyId}, which this deployment does not hold`,
    });
  } else if (!isAuthenticHead(head, signing)) {
    problems.push({
      kind: 'bad-signature',
      seq: head.seq,
      message: 'The head was not signed with the audit key',
    });
  } else if (!last || last.seq !== head.seq || last.hash !== head.hash) {
    problems.push({
      kind: 'head-mismatch',
      seq: last?.seq ?? null,
      message: last
        ? `The chain ends at entry ${last.seq} but its signed head is entry ${head.seq}`
        : `The chain has no entries but its signed head is entry ${head.seq}`,
    });
  }
  return {
    instanceId,
    valid: problems.length === 0,
    entries: chain.length,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    problems,
  };
}

export interface SweepResult {
  chains: number;
  entries: number;
  broken: ChainVerification[];
}

/**
 * Verifies the chain of every case, in batches of `batchSize` cases (one snapshot each), in id
 * order. Cases are listed from process_instance: audit entries and heads reference it.
 */
export async function verifyAllAuditChains(
  dataSource: DataSource,
  dataKey: Buffer,
  batchSize = 200,
): Promise<SweepResult> {
  const result: SweepResult = { chains: 0, entries: 0, broken: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page: { id: string }[] = await dataSource.query(
      `SELECT id FROM process_instance WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    if (page.length === 0) return result;
    const verifications = await verifyAuditChains(
      dataSource,
      page.map((row) => row.id),
      dataKey,
    );
    for (const verification of verifications) {
      result.chains += 1;
      result.entries += verification.entries;
      if (!verification.valid) result.broken.push(verification);
    }
    after = page[page.length - 1]!.id;
  }
}
