import type { DataSource } from 'typeorm';
import { workflowIdForInstance } from '../../contracts/src';
import { atOrBelow } from './org-scope';
import type { DefinitionRef } from './process-definitions';
import { openCaseOf } from './student-cases';

export interface CaseRow {
  instanceId: string;
  definition: DefinitionRef;
  orgUnitId: string;
  orgPath: string;
  studentId: string | null;
  businessKey: string | null;
}

/**
 * Writes the row of a case a job starts (started by nobody: the `start-case` handler). Idempotent
 * by instance id. For a student who already has an open case of the process, no row is written
 * and that case's id is returned as `openInstanceId` (one open case per student,
 * docs/student-cases.md).
 */
export async function createCaseRow(
  dataSource: DataSource,
  row: CaseRow,
): Promise<{ created: true } | { created: false; openInstanceId: string }> {
  return dataSource.transaction(async (db) => {
    // No conflict target: a retry (same id) and the student's open case (partial unique index) both land here.
    await db.query(
      `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, business_key,
         org_unit_id, org_path, student_id, state, workflow_id, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, now())
       ON CONFLICT DO NOTHING`,
      [
        row.instanceId,
        row.definition.id,
        row.definition.key,
        row.definition.version,
        row.businessKey,
        row.orgUnitId,
        row.orgPath,
        row.studentId,
        workflowIdForInstance(row.instanceId),
      ],
    );
    const ours: unknown[] = await db.query(`SELECT 1 FROM process_instance WHERE id = $1`, [row.instanceId]);
    if (ours.length > 0) return { created: true };
    const open = row.studentId ? await openCaseOf(db, row.studentId, row.definition.key) : null;
    if (!open) throw new Error(`Case ${row.instanceId} could not be written and no open case explains why`);
    return { created: false, openInstanceId: open };
  });
}

/** A student at or below `orgPath` (the starting case's unit), or null: never another school's. */
export async function studentWithin(
  dataSource: DataSource,
  studentId: string,
  orgPath: string,
): Promise<{ id: string; orgUnitId: string; orgPath: string } | null> {
  const rows: { id: string; org_unit_id: string; org_path: string }[] = await dataSource.query(
    `SELECT id, org_unit_id, org_path FROM student WHERE id = $1 AND ${atOrBelow('org_path', '$2::text')}`,
    [studentId, orgPath],
  );
  const [row] = rows;
  return row ? { id: row.id, orgUnitId: row.org_unit_id, orgPath: row.org_path } : null;
}

/** The schools at or below `orgPath`, by code. */
export async function schoolsWithin(
  dataSource: DataSource,
  orgPath: string,
): Promise<{ id: string; orgPath: string }[]> {
  const rows: { id: string; org_path: string }[] = await dataSource.query(
    `SELECT id, org_path FROM org_unit WHERE kind = 'school' AND ${atOrBelow('org_path', '$1::text')}
     ORDER BY code`,
    [orgPath],
  );
  return rows.map((row) => ({ id: row.id, orgPath: row.org_path }));
}
