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
  const rows: { embedded: Record<string, unknown> | null; deployed: unknown[] | null }[] = await db.query(
    `SELECT d.forms AS embedded,
       (SELECT jsonb_agg(latest.schema) FROM (
          SELECT DISTINCT ON (f.form_id) f.schema
          FROM form_definition f JOIN org_unit form_owner ON form_owner.id = f.owner_unit_id
          WHERE f.form_id IN (SELECT e.value ->> 'formId' FROM jsonb_each(d.model -> 'elements') e
                              WHERE e.value ->> 'formId' IS NOT NULL)
            AND ${atOrBelow('i.org_path', 'form_owner.org_path')}
          ORDER BY f.form_id, f.version DESC) latest) AS deployed
     FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
     WHERE i.id = $1`,
    [instanceId],
  );
  const names = new Set<string>(SENSITIVE_VARIABLE_NAMES);
  const row = rows[0];
  if (!row) return names;
  for (const schema of [...Object.values(row.embedded ?? {}), ...(row.deployed ?? [])]) {
    for (const name of sensitiveKeys(schema)) names.add(name);
  }
  return names;
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

/** An audit entry's data as a reader in scope sees it: sealed fields opened, or null once purged. */
export function openAuditData(data: Variables, keys: ReadonlyMap<string, CaseKey>): Variables {
  return openSealed(data, keys);
}
