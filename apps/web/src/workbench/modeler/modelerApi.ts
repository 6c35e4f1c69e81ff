// What the modeler asks of the api (docs/modeler.md). Kept beside the modeler so the rest of the
// app does not pull these shapes into its bundle.
import { request, requestWithStatus } from '../../api/http';
import type { ApiResponses, DeployResult } from '../../api/types';

/** GET /api/modeler/vocabulary: what the deploy validator accepts, for lint and the panel. */
export type ModelerVocabulary = ApiResponses['GET /api/modeler/vocabulary'];

export const getVocabulary = () => request<ModelerVocabulary>('GET', '/modeler/vocabulary');

/** Zeebe element templates (JSON), already in the request's language. */
export const getElementTemplates = () =>
  request<ApiResponses['GET /api/element-templates']>('GET', '/element-templates');

type DefinitionDetail = ApiResponses['GET /api/definitions/{id}'];
type DefinitionPage = ApiResponses['GET /api/definitions'];

/** The latest version of `key`, or `version`; null when there is no such definition. */
export async function loadDefinition(key: string, version?: number): Promise<DefinitionDetail | null> {
  let best: DefinitionPage['items'][number] | undefined;
  let cursor: string | null = null;
  // A key has few versions; page through them all rather than trust the list's order.
  do {
    const search = new URLSearchParams({ key, limit: '200' });
    if (cursor) search.set('cursor', cursor);
    const page: DefinitionPage = await request<DefinitionPage>('GET', `/definitions?${search.toString()}`);
    for (const item of page.items) {
      if (item.key !== key) continue;
      if (version !== undefined ? item.version === version : !best || item.version > best.version)
        best = item;
    }
    cursor = page.nextCursor;
  } while (cursor && !(version !== undefined && best));
  if (!best) return null;
  return request<DefinitionDetail>('GET', `/definitions/${encodeURIComponent(best.id)}`);
}

/** 201: a new version; 200: identical to the latest version (nothing deployed). */
export async function deployXml(xml: string): Promise<{ created: boolean; result: DeployResult }> {
  const { status, body } = await requestWithStatus<DeployResult>('POST', '/definitions', { body: { xml } });
  return { created: status === 201, result: body };
}
