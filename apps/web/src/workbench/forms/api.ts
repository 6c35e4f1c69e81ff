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

/** The latest version of every form id (one list, no pages). */
export const listForms = () => request<ApiResponses['GET /api/forms']>('GET', '/forms');

export const getForm = (formId: string) => request<FormVersion>('GET', `/forms/${enc(formId)}`);

/** A new version (`created`), or the latest one when the schema is unchanged. */
export const saveForm = (formId: string, schema: FormSchema) =>
  request<SavedForm>('POST', '/forms', { body: { formId, schema } });
