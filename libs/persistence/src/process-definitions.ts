import type { EntityManager } from 'typeorm';
import type { ProcessModel } from '../../bpmn/src/workflow';
import { atOrBelow } from './org-scope';

export interface DefinitionRef {
  id: string;
  key: string;
  version: number;
  model: ProcessModel;
}

/**
 * The latest deployed version of a process (its key is the BPMN process id) that a case at
 * `orgPath` may run: one owned by its unit or a unit above it (docs/adr/0003). Null when none.
 */
export async function latestDefinition(
  db: EntityManager,
  key: string,
  orgPath: string,
): Promise<DefinitionRef | null> {
  const rows: DefinitionRef[] = await db.query(
    `SELECT d.id, d.key, d.version, d.model
     FROM process_definition d JOIN org_unit owner ON owner.id = d.owner_unit_id
     WHERE d.key = $1 AND ${atOrBelow('$2::text', 'owner.org_path')}
     ORDER BY d.version DESC LIMIT 1`,
    [key, orgPath],
  );
  return rows[0] ?? null;
}

/** Of the given definitions, those a case at `orgPath` may run (the rule of `latestDefinition`). */
export async function runnableAt(
  db: EntityManager,
  definitionIds: string[],
  orgPath: string,
): Promise<Set<string>> {
  if (definitionIds.length === 0) return new Set();
  const rows: { id: string }[] = await db.query(
    `SELECT d.id FROM process_definition d JOIN org_unit owner ON owner.id = d.owner_unit_id
     WHERE d.id = ANY($1::uuid[]) AND ${atOrBelow('$2::text', 'owner.org_path')}`,
    [definitionIds, orgPath],
  );
  return new Set(rows.map((row) => row.id));
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
