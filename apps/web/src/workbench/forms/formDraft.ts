// A form being edited survives a reload: its schema is kept in localStorage, per form id, until it
// is saved or discarded (docs/forms-web.md#editing-forms-in-the-browser).
import type { FormSchema } from './api';

export interface FormDraft {
  schema: FormSchema;
  /** The saved version the draft started from; null for a form never saved. */
  baseVersion: number | null;
  savedAt: string;
}

/** Form ids as the server accepts them (apps/api/src/forms/forms.dto.ts): what formId links. */
export const FORM_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

export const draftKey = (formId: string) => `carepath.formDraft.${formId}`;

/** A new form: the shape form-js's editor starts from, with its id set to the form id. */
export function emptySchema(formId: string): FormSchema {
  return { type: 'default', id: formId, components: [] };
}

/**
 * The schema as it is saved: the form id the user chose wins over whatever id the editor
 * generated, because a diagram's user task links the form by it.
 */
export function schemaToSave(formId: string, schema: FormSchema): FormSchema {
  return { ...schema, id: formId };
}

/** Canonical text for "did anything change": key order does not matter, values do. */
export function fingerprint(schema: FormSchema): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value as Record<string, unknown>)
          .sort()
          .map((key) => [key, sort((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return JSON.stringify(sort(schema));
}

export function readDraft(storage: Storage, formId: string): FormDraft | null {
  try {
    const text = storage.getItem(draftKey(formId));
    if (!text) return null;
    const draft = JSON.parse(text) as Partial<FormDraft>;
    if (!draft.schema || typeof draft.schema !== 'object' || Array.isArray(draft.schema)) return null;
    return {
      schema: draft.schema,
      baseVersion: typeof draft.baseVersion === 'number' ? draft.baseVersion : null,
      savedAt: typeof draft.savedAt === 'string' ? draft.savedAt : '',
    };
  } catch {
    return null;
  }
}

export function writeDraft(storage: Storage, formId: string, draft: FormDraft): void {
  try {
    storage.setItem(draftKey(formId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft then lasts as long as the page.
  }
}

export function clearDraft(storage: Storage, formId: string): void {
  try {
    storage.removeItem(draftKey(formId));
  } catch {
    // nothing to clear
  }
}

/**
 * The draft to open the editor with: only one that differs from what the server holds. A draft
 * made on an older version is still offered — the lead's unsaved work wins, and saving it makes
 * a new version on top of the latest.
 */
export function draftToRestore(draft: FormDraft | null, savedFingerprint: string): FormDraft | null {
  if (!draft) return null;
  return fingerprint(draft.schema) === savedFingerprint ? null : draft;
}
