import type { DataSource } from 'typeorm';
import { type PrepareChildInput, workflowIdForInstance } from '../../contracts/src';
// The file, not the lib's entry: the entry loads the compiler (bpmn-moddle).
import { startsOnlyByTrigger } from '../../bpmn/src/workflow';
import { createCaseKey } from './case-keys';
import { type DefinitionRef, latestDefinition } from './process-definitions';

/**
 * Creates the row of a case started by a call activity: the latest version of the called
 * process, at the calling case's org unit, path and student (docs/bpmn-elements.md: the child lives where its
 * parent does), with the child id the engine chose. Idempotent: a retry finds the row and
 * answers with the definition version it was created with, even if a newer one was deployed in
 * between. Returns null when no version of the called process is deployed, and the version
 * without creating a row when it has no none start event (only a message or its timer starts
 * it): no child case can begin, so none is recorded.
 */
export async function createChildInstance(
  dataSource: DataSource,
  input: PrepareChildInput,
  dataKey: Buffer,
): Promise<DefinitionRef | null> {
  return dataSource.transaction(async (db) => {
    const existing: DefinitionRef[] = await db.query(
      `SELECT d.id, d.key, d.version, d.model
       FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
       WHERE i.id = $1`,
      [input.childId],
    );
    if (existing[0]) return existing[0];
    const definition = await latestDefinition(db, input.processId, input.parent.orgPath);
    if (!definition) return null;
    if (startsOnlyByTrigger(definition.model)) return definition;
    const { parent } = input;
    const inserted: { id: string }[] = await db.query(
      `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, business_key,
         org_unit_id, org_path, student_id, state, workflow_id, started_by, started_at, parent_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, NULL, now(), $10)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        input.childId,
        definition.id,
        definition.key,
        definition.version,
        parent.businessKey,
        parent.orgUnitId,
        parent.orgPath,
        parent.studentId,
        workflowIdForInstance(input.childId),
        parent.instanceId,
      ],
    );
    // The child's key is made with its row (ADR 0020).
    if (inserted.length > 0) await createCaseKey(db, dataKey, input.childId);
    return definition;
  });
}
