import type { EntityManager } from 'typeorm';
import { atOrBelow } from './org-scope';

/*
 * Cases belong to students (docs/student-cases.md): a student's case is keyed by the student's
 * number within the school, `<schoolCode>-<studentNo>` (PATHWAY.md, `caseKey`), and a student
 * has at most one active top-level case of a process (index process_instance_one_open_per_student).
 */

/** The unique index that holds "one open case per student and process" (migration 1764630000000). */
export const ONE_OPEN_CASE_PER_STUDENT = 'process_instance_one_open_per_student';

/**
 * A student's case key: the code of the school the student's class lies in, a dash, the student
 * number. Null when the student sits under no school (the key is then not defined).
 */
export async function caseKeyOf(db: EntityManager, studentId: string): Promise<string | null> {
  const rows: { case_key: string }[] = await db.query(
    `SELECT school.code || '-' || s.student_no AS case_key
     FROM student s JOIN org_unit school
       ON school.kind = 'school' AND ${atOrBelow('s.org_path', 'school.org_path')}
     WHERE s.id = $1
     LIMIT 1`,
    [studentId],
  );
  return rows[0]?.case_key ?? null;
}

/**
 * The student's open top-level case of a process, if any: active and not sealed (a sealed case
 * is closed and only waits out its retention period before the purge).
 */
export async function openCaseOf(
  db: EntityManager,
  studentId: string,
  definitionKey: string,
): Promise<string | null> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM process_instance
     WHERE student_id = $1 AND definition_key = $2 AND state = 'active' AND sealed_at IS NULL
       AND parent_id IS NULL
     LIMIT 1`,
    [studentId, definitionKey],
  );
  return rows[0]?.id ?? null;
}

/**
 * The student a case key names, if the key is one: callers apply their own scope (the api its
 * org-scope rule, the worker the case's own unit), so this reveals nothing by itself.
 */
export async function studentByCaseKey(
  db: EntityManager,
  caseKey: string,
): Promise<{ id: string; orgUnitId: string; orgPath: string } | null> {
  const rows: { id: string; org_unit_id: string; org_path: string }[] = await db.query(
    `SELECT s.id, s.org_unit_id, s.org_path
     FROM student s JOIN org_unit school
       ON school.kind = 'school' AND ${atOrBelow('s.org_path', 'school.org_path')}
     WHERE school.code || '-' || s.student_no = $1
     LIMIT 2`,
    [caseKey],
  );
  // Two students with one key cannot both be meant: refuse to guess.
  if (rows.length !== 1) return null;
  const [row] = rows;
  return { id: row!.id, orgUnitId: row!.org_unit_id, orgPath: row!.org_path };
}

/** True when `error` is the database refusing a second open case for a student. */
export function isSecondOpenCase(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { constraint?: string } };
  const constraint = e.constraint ?? e.driverError?.constraint;
  return e.code === '23505' && constraint === ONE_OPEN_CASE_PER_STUDENT;
}
