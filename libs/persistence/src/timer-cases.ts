import type { DataSource } from 'typeorm';
import { type PrepareTimerCaseInput, workflowIdForInstance } from '../../contracts/src';
import { createCaseKey } from './case-keys';
import type { DefinitionRef } from './process-definitions';

export interface TimerCase {
  definition: DefinitionRef;
  orgPath: string;
}

/**
 * Creates the row of a case started by a timer start event: the given definition version (the
 * timer schedule belongs to one version) at the given org unit, started by nobody. Idempotent
 * by instance id, so a retried activity creates one case. Returns null when the definition or
 * the unit does not exist.
 */
export async function createTimerCase(
  dataSource: DataSource,
  input: PrepareTimerCaseInput,
  dataKey: Buffer,
): Promise<TimerCase | null> {
  return dataSource.transaction(async (db) => {
    const definitions: DefinitionRef[] = await db.query(
      `SELECT id, key, version, model FROM process_definition WHERE id = $1`,
      [input.definitionId],
    );
    const units: { org_path: string }[] = await db.query(`SELECT org_path FROM org_unit WHERE id = $1`, [
      input.orgUnitId,
    ]);
    const definition = definitions[0];
    const unit = units[0];
    if (!definition || !unit) return null;
    const inserted: { id: string }[] = await db.query(
      `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, org_unit_id,
         org_path, state, workflow_id, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, now())
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        input.instanceId,
        definition.id,
        definition.key,
        definition.version,
        input.orgUnitId,
        unit.org_path,
        workflowIdForInstance(input.instanceId),
      ],
    );
    // The case key is made with its row (ADR 0020).
    if (inserted.length > 0) await createCaseKey(db, dataKey, input.instanceId);
    return { definition, orgPath: unit.org_path };
  });
}
