// The case's confidentiality routes (docs/api.md#confidentiality): who read it, legal holds,
// emergency access (break-glass). Shapes from generated-types.ts, like every other answer.
import type { ApiResponses } from './generated-types';
import { request } from './http';

export type CaseReadPage = ApiResponses['GET /api/instances/{id}/reads'];
export type CaseRead = CaseReadPage['items'][number];
export type BreakGlassGrant = ApiResponses['POST /api/instances/{id}/break-glass'];

const enc = encodeURIComponent;

export const listCaseReads = (id: string, before?: string) =>
  request<CaseReadPage>(
    'GET',
    `/instances/${enc(id)}/reads?limit=50${before ? `&before=${enc(before)}` : ''}`,
  );

export const placeLegalHold = (id: string, reason: string) =>
  request<void>('POST', `/instances/${enc(id)}/legal-hold`, { body: { reason } });

export const releaseLegalHold = (id: string, reason: string) =>
  request<void>('DELETE', `/instances/${enc(id)}/legal-hold`, { body: { reason } });

export const breakGlass = (id: string, reason: string) =>
  request<BreakGlassGrant>('POST', `/instances/${enc(id)}/break-glass`, { body: { reason } });
