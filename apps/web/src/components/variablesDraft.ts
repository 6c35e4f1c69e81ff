import type { Translate } from '../i18n/i18n';

// What the user is typing in the variables editor, and how it becomes the `variables` object.

export interface VariableRow {
  key: string;
  value: string;
}

export interface VariablesDraft {
  mode: 'rows' | 'json';
  rows: VariableRow[];
  json: string;
}

export type ReadResult = { ok: true; variables: Record<string, unknown> } | { ok: false; error: string };

export function emptyDraft(keys: readonly string[] = []): VariablesDraft {
  const rows = keys.length > 0 ? keys.map((key) => ({ key, value: '' })) : [{ key: '', value: '' }];
  return { mode: 'rows', rows, json: '{}' };
}

/** A row's text as a value: JSON when it parses (true, 3, "x", {…}), otherwise the text itself. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

/** The inverse of parseValue, for showing a value in a row. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return parseValue(value) === value ? value : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

export function readRows(rows: readonly VariableRow[], t: Translate): ReadResult {
  const variables: Record<string, unknown> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '') {
      if (row.value.trim() !== '') return { ok: false, error: t('vars.emptyKey') };
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(variables, key)) {
      return { ok: false, error: t('vars.duplicateKey', { key }) };
    }
    variables[key] = parseValue(row.value);
  }
  return { ok: true, variables };
}

export function readJson(text: string, t: Translate): ReadResult {
  if (text.trim() === '') return { ok: true, variables: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: t('vars.invalidJson', { message: (error as Error).message }) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: t('vars.notObject') };
  }
  return { ok: true, variables: parsed as Record<string, unknown> };
}

export function readDraft(draft: VariablesDraft, t: Translate): ReadResult {
  return draft.mode === 'rows' ? readRows(draft.rows, t) : readJson(draft.json, t);
}

export function rowsFrom(variables: Record<string, unknown>): VariableRow[] {
  const rows = Object.entries(variables).map(([key, value]) => ({ key, value: formatValue(value) }));
  return rows.length > 0 ? rows : [{ key: '', value: '' }];
}

/** Keys of the input fields of a form-js schema (components may nest). */
export function formFieldKeys(form: unknown): string[] {
  const keys: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const { key, components } = node as { key?: unknown; components?: unknown };
    if (typeof key === 'string' && key !== '' && !keys.includes(key)) keys.push(key);
    if (Array.isArray(components)) components.forEach(visit);
  };
  visit(form);
  return keys;
}
