import { DEFAULT_RETRIES, parseRetries, taskDefinitionOf, taskHeadersOf } from './element-properties';
import type { JobDefinition } from './model';
import type { ModdleElement } from './moddle';

/**
 * The job of a validated service or send task, or message throw or end event: its type,
 * retries (Zeebe's default when unset) and headers.
 */
export function compileJobDefinition(node: ModdleElement): JobDefinition {
  const { type, retries } = taskDefinitionOf(node);
  return {
    jobType: type ?? '',
    retries: retries === undefined ? DEFAULT_RETRIES : (parseRetries(retries) ?? DEFAULT_RETRIES),
    // fromEntries defines own properties, so no header key can reach a prototype.
    headers: Object.fromEntries(taskHeadersOf(node).map(({ key, value }) => [key ?? '', value])),
  };
}
