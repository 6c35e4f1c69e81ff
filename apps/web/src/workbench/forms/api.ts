// The forms api (docs/api.md, POST/GET /api/forms) as the editor uses it. The shapes are the
// server's response DTOs; they move to generated-types.ts with `npm run web:types`.
import { request } from '../../api/http';
import type { Cursor, Page } from '../../api/types';

/** A form-js schema: the editor's and viewer's JSON (components, type, id, …). */
export type FormSchema = Record<string, unknown>;

export interface FormSummary {
  formId: string;
  version: number;
  name?: string | null;
  deployedAt: string;
  deployedBy: string | null;
}

export interface FormVersion extends FormSummary {
  schema: FormSchema;
}

export interface SavedForm {
  formId: string;
  version: number;
}

const enc = encodeURIComponent;

export const listForms = (cursor?: Cursor) =>
  request<Page<FormSummary>>('GET', `/forms?limit=200${cursor ? `&cursor=${enc(cursor)}` : ''}`);

export const getForm = (formId: string) => request<FormVersion>('GET', `/forms/${enc(formId)}`);

/** 201 with a new version, or 200 with the latest one when the schema is unchanged. */
export const saveForm = (formId: string, schema: FormSchema) =>
  request<SavedForm>('POST', '/forms', { body: { formId, schema } });
