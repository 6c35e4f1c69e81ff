import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { InstanceDescriptor } from '../../contracts/src';
import type { EngineEvent } from '../../engine/src';
import { canonicalJson } from './audit-chain';
import { caseFamilyKeys } from './case-keys';
import { openSealed } from './case-sealing';
import { type CaseKey, sealForCase } from './field-crypto';

/** SHA-256 (hex) of a value's canonical JSON: equal content always hashes the same. */
export function valueSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

interface VariableChange {
  name: string;
  before?: unknown;
  after: unknown;
}

/**
 * Completes a step's engine events for the audit chain: who or what started the case, and, in
 * place of the values the engine reports (`task.completed`'s `submitted`, `incident.resolved`'s
 * `changes`), the field keys and SHA-256 hashes of the values, never the values. Values sealed
 * with a key of the case's family are opened first, so a hash is of what a person entered and
 * can be checked against the case's variables by a reader who may open them; a value whose key
 * is gone hashes as null. A hash that covers a sensitive value is sealed with the case key like
 * the value itself: a short answer's hash could be tested against guesses, and a purge must leave
 * nothing of it readable. Hashes of other values stay in the clear (those values are stored in
 * the clear too), so the history of most steps can still be hashed as it reads.
 */
export async function digestAuditEvents(
  db: EntityManager,
  dataKey: Buffer,
  instance: InstanceDescriptor,
  events: EngineEvent[],
  sealing: { sensitive: ReadonlySet<string>; caseKey: CaseKey | null },
): Promise<EngineEvent[]> {
  let keys: Map<string, CaseKey> | null = null;
  const familyKeys = async (): Promise<Map<string, CaseKey>> =>
    (keys ??= await caseFamilyKeys(db, dataKey, instance.instanceId));
  const digested: EngineEvent[] = [];
  for (const event of events) {
    if (event.type === 'instance.started') digested.push(startedEntry(event, instance));
    else if (event.type === 'task.completed' && isRecord(event.data?.submitted))
      digested.push(completedEntry(event, event.data.submitted, await familyKeys(), sealing));
    else if (event.type === 'incident.resolved' && Array.isArray(event.data?.changes))
      digested.push(retriedEntry(event, event.data.changes as VariableChange[], await familyKeys(), sealing));
    else digested.push(event);
  }
  return digested;
}

/**
 * The starter of a case as its actor; for a case nobody started, what did: a timer, a signal a
 * case threw, or another case (with its id). A case whose input predates `startedVia` and has a
 * parent was started by that case's call activity.
 */
function startedEntry(event: EngineEvent, instance: InstanceDescriptor): EngineEvent {
  if (instance.startedBy) {
    return { ...event, actor: instance.startedBy.username, data: { ...event.data, startedBy: 'user' } };
  }
  const via =
    instance.startedVia ??
    (instance.parent ? { kind: 'case' as const, caseId: instance.parent.instanceId } : null);
  if (!via) return event;
  return {
    ...event,
    data: {
      ...event.data,
      startedBy: via.kind,
      ...('caseId' in via ? { startingCaseId: via.caseId } : {}),
    },
  };
}

/**
 * A task's due date in its `task.opened` entry, so the chain itself proves when the step was due
 * (the compliance review, docs/compliance.md), not only the user_task row a later write could
 * change. The engine's event names the task; its due date is in the same step's opened tasks.
 */
export function withTaskDueDates(
  events: EngineEvent[],
  openedTasks: readonly { taskId: string; dueAt?: string }[],
): EngineEvent[] {
  const due = new Map(openedTasks.map((task) => [task.taskId, task.dueAt]));
  return events.map((event) => {
    if (event.type !== 'task.opened') return event;
    const dueAt = due.get(String(event.data?.taskId));
    return dueAt ? { ...event, data: { ...event.data, dueAt } } : event;
  });
}

type Sealing = Parameters<typeof digestAuditEvents>[4];

/** A hash as stored: sealed with the case key when it covers a sensitive value (null once purged). */
function stored(hash: unknown, coversSensitive: boolean, { caseKey }: Sealing): unknown {
  if (!coversSensitive) return hash;
  return caseKey ? sealForCase(caseKey, hash) : null;
}

function completedEntry(
  event: EngineEvent,
  submitted: Record<string, unknown>,
  keys: ReadonlyMap<string, CaseKey>,
  sealing: Sealing,
): EngineEvent {
  const { submitted: _values, ...data } = event.data ?? {};
  const fields = Object.keys(submitted).sort();
  const hash = valueSha256(openSealed(submitted, keys));
  return {
    ...event,
    data: {
      ...data,
      fields,
      valuesSha256: stored(
        hash,
        fields.some((field) => sealing.sensitive.has(field)),
        sealing,
      ),
    },
  };
}

function retriedEntry(
  event: EngineEvent,
  changes: VariableChange[],
  keys: ReadonlyMap<string, CaseKey>,
  sealing: Sealing,
): EngineEvent {
  const { changes: _values, ...data } = event.data ?? {};
  const open = (value: unknown): unknown => openSealed({ value }, keys).value;
  const valueHashes: Record<string, unknown> = {};
  for (const change of changes) {
    const hashes = {
      // A variable the retry created had no old value.
      oldSha256: Object.hasOwn(change, 'before') ? valueSha256(open(change.before)) : null,
      newSha256: valueSha256(open(change.after)),
    };
    valueHashes[change.name] = stored(hashes, sealing.sensitive.has(change.name), sealing);
  }
  return { ...event, data: { ...data, valueHashes } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
