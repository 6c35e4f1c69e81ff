import type { EntityManager } from 'typeorm';
import type { ProcessModel } from '../../bpmn/src/model';

export interface DefinitionRef {
  id: string;
  key: string;
  version: number;
  model: ProcessModel;
}

/** The latest deployed version of a process (its key is the BPMN process id), or null. */
export async function latestDefinition(db: EntityManager, key: string): Promise<DefinitionRef | null> {
  const rows: DefinitionRef[] = await db.query(
    `SELECT id, key, version, model FROM process_definition WHERE key = $1 ORDER BY version DESC LIMIT 1`,
    [key],
  );
  return rows[0] ?? null;
}

/** An element's name as drawn in the diagram (static text, never case data), or null. */
export async function elementName(
  db: EntityManager,
  definitionId: string,
  elementId: string,
): Promise<string | null> {
  const rows: { name: string | null }[] = await db.query(
    `SELECT model->'elements'->$2->>'name' AS name FROM process_definition WHERE id = $1`,
    [definitionId, elementId],
  );
  return rows[0]?.name ?? null;
}
