// The forms api (docs/api.md, POST/GET /api/forms) as the editor uses it; the shapes come from
// the server's response DTOs through generated-types.ts.
import { request } from '../../api/http';
import type { ApiResponses } from '../../api/types';

/** A form-js schema: the editor's and viewer's JSON (components, type, id, …). */
export type FormSchema = Record<string, unknown>;

export type FormSummary = ApiResponses['GET /api/forms']['items'][number];
export type FormVersion = ApiResponses['GET /api/forms/{formId}'];
export type SavedForm = ApiResponses['POST /api/forms'];

const enc = encodeURIComponent;

/** The forms' query keys (docs/web.md#data-fetching): saving a form invalidates `all`. */
export const formKeys = {
  all: ['forms'] as const,
  list: ['forms', 'list'] as const,
};

/**
 * The latest version of every form id (one list, no pages); with `usableAt`, only those a task of
 * a diagram owned at one of these units may link (owned there or above, docs/forms.md#versions).
 */
export function listForms(usableAt?: readonly string[]) {
  const search = new URLSearchParams();
  for (const unit of usableAt ?? []) search.append('usableAt', unit);
  const query = search.toString();
  return request<ApiResponses['GET /api/forms']>('GET', query ? `/forms?${query}` : '/forms');
}

export const getForm = (formId: string) => request<FormVersion>('GET', `/forms/${enc(formId)}`);

/** A new version (`created`), or the latest one when the schema is unchanged. */
export const saveForm = (formId: string, schema: FormSchema) =>
  request<SavedForm>('POST', '/forms', { body: { formId, schema } });
