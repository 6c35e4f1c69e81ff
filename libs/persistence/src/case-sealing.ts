import type { EntityManager } from 'typeorm';
import { SEALED_AUDIT_FIELDS, SENSITIVE_VARIABLE_NAMES } from '../../domain/src';
import { sensitiveKeys } from '../../forms/src';
import { type CaseKey, openForCase, sealedKeyId, sealForCase } from './field-crypto';
import { atOrBelow } from './org-scope';

type Variables = Record<string, unknown>;

/**
 * Which top-level variables of a case are sealed with its key: the names that are sensitive
 * whatever sets them (SENSITIVE_VARIABLE_NAMES) and those any form of the case's definition marks
 * sensitive — its embedded forms, and for each user task's formId the version a task of the
 * case would show (the rule of taskFormSql: the latest at the case's unit or above). A union
 * over all forms errs on the side of sealing.
 */
export async function caseSensitiveNames(db: EntityManager, instanceId: string): Promise<Set<string>> {
  const names = new Set<string>(SENSITIVE_VARIABLE_NAMES);
  const cases: { definition_id: string; org_path: string }[] = await db.query(
    `SELECT definition_id, org_path FROM process_instance WHERE id = $1`,
    [instanceId],
  );
  const found = cases[0];
  if (!found) return names;
  const definition = await definitionForms(db, found.definition_id);
  for (const name of definition.embeddedSensitive) names.add(name);
  if (definition.formIds.length === 0) return names;
  const deployed: { schema: unknown }[] = await db.query(
    `SELECT DISTINCT ON (f.form_id) f.schema
     FROM form_definition f JOIN org_unit form_owner ON form_owner.id = f.owner_unit_id
     WHERE f.form_id = ANY($1::text[]) AND ${atOrBelow('$2::text', 'form_owner.org_path')}
     ORDER BY f.form_id, f.version DESC`,
    [definition.formIds, found.org_path],
  );
  for (const { schema } of deployed) for (const name of sensitiveKeys(schema)) names.add(name);
  return names;
}

interface DefinitionForms {
  /** What the definition's embedded forms mark sensitive. */
  embeddedSensitive: string[];
  /** The formIds its user tasks name (resolved against deployed forms per case). */
  formIds: string[];
}

/**
 * A definition's model and forms never change once deployed, so what they say about sensitive
 * fields is read once per process (the projection asks on every step). Bounded: cleared whole
 * when full, which costs one query per definition again.
 */
const definitionFormsCache = new Map<string, DefinitionForms>();
const DEFINITION_FORMS_CACHE_SIZE = 500;

async function definitionForms(db: EntityManager, definitionId: string): Promise<DefinitionForms> {
  const cached = definitionFormsCache.get(definitionId);
  if (cached) return cached;
  const rows: { forms: Record<string, unknown> | null; form_ids: string[] | null }[] = await db.query(
    `SELECT d.forms,
       (SELECT array_agg(DISTINCT e.value ->> 'formId') FROM jsonb_each(d.model -> 'elements') e
        WHERE e.value ->> 'formId' IS NOT NULL) AS form_ids
     FROM process_definition d WHERE d.id = $1`,
    [definitionId],
  );
  const row = rows[0];
  const forms: DefinitionForms = {
    embeddedSensitive: Object.values(row?.forms ?? {}).flatMap((schema) => sensitiveKeys(schema)),
    formIds: row?.form_ids ?? [],
  };
  if (!row) return forms;
  if (definitionFormsCache.size >= DEFINITION_FORMS_CACHE_SIZE) definitionFormsCache.clear();
  definitionFormsCache.set(definitionId, forms);
  return forms;
}

/**
 * Seals the sensitive values of variables the engine hands back (a step's variables, a task's
 * local ones): a sensitive value still in the clear (set by FEEL, a handler, a buffered message)
 * is sealed with the case key; values already sealed (`v2:`) are kept as they are. With no key
 * (the case is purged) a sensitive value in the clear is dropped to null: nothing new of a purged
 * case is kept readable.
 */
export function sealSensitive(
  variables: Variables,
  names: ReadonlySet<string>,
  caseKey: CaseKey | null,
): Variables {
  const sealed: Variables = {};
  for (const [name, value] of Object.entries(variables)) {
    if (!names.has(name) || value === null || value === undefined || sealedKeyId(value) !== null) {
      sealed[name] = value;
    } else {
      sealed[name] = caseKey ? sealForCase(caseKey, value) : null;
    }
  }
  return sealed;
}

/**
 * Seals what a client (or a buffered message) sends into a case: the sensitive values, and any
 * value that merely looks sealed. A client never hands in ciphertext to be opened: a copied
 * `v2:` value is sealed again, so it reads back as the string it was, never as another case's
 * plaintext.
 */
export function sealInbound(
  variables: Variables,
  names: ReadonlySet<string>,
  caseKey: CaseKey | null,
): Variables {
  const sealed: Variables = {};
  for (const [name, value] of Object.entries(variables)) {
    const looksSealed = sealedKeyId(value) !== null;
    if (value === null || value === undefined || (!names.has(name) && !looksSealed)) sealed[name] = value;
    else sealed[name] = caseKey ? sealForCase(caseKey, value) : null;
  }
  return sealed;
}

/**
 * Opens the sealed top-level values with the keys at hand (the case's family, case-keys.ts). A
 * value whose key is gone — destroyed by a purge, or not this case's — reads as null. Never used
 * for lists, search, notifications or logs: only for a caller the scope checks let see the case.
 */
export function openSealed(variables: Variables, keys: ReadonlyMap<string, CaseKey>): Variables {
  const opened: Variables = {};
  for (const [name, value] of Object.entries(variables)) opened[name] = openValue(value, keys);
  return opened;
}

function openValue(value: unknown, keys: ReadonlyMap<string, CaseKey>): unknown {
  const id = sealedKeyId(value);
  if (id === null) return value;
  const key = keys.get(id);
  if (!key) return null;
  try {
    return openForCase(key, value as string);
  } catch {
    return null; // altered ciphertext: never shown, never an error for the reader
  }
}

/** Seals the free-text fields of an audit entry's data (SEALED_AUDIT_FIELDS) with the case key. */
export function sealAuditData(data: Variables | undefined, caseKey: CaseKey | null): Variables | undefined {
  if (!data) return data;
  const sealed: Variables = { ...data };
  for (const field of SEALED_AUDIT_FIELDS) {
    const value = data[field];
    if (typeof value !== 'string' || sealedKeyId(value) !== null) continue;
    sealed[field] = caseKey ? sealForCase(caseKey, value) : null;
  }
  return sealed;
}

/**
 * An audit entry's data as a reader in scope sees it: sealed fields opened, and the sealed hashes
 * of sensitive values an incident retry set (`valueHashes`, audit-digests.ts); null once purged.
 */
export function openAuditData(data: Variables, keys: ReadonlyMap<string, CaseKey>): Variables {
  const opened = openSealed(data, keys);
  const hashes = opened.valueHashes;
  if (typeof hashes === 'object' && hashes !== null && !Array.isArray(hashes))
    opened.valueHashes = openSealed(hashes as Variables, keys);
  return opened;
}
