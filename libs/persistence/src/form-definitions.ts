import type { EntityManager } from 'typeorm';
import { atOrBelow } from './org-scope';

/**
 * SQL for the form a task shows and its completion is checked against (docs/forms.md#binding):
 * the form deployed with the task's definition under its formId (or its embedded form, by
 * formKey), else the latest version of the formId owned by the task's unit or a unit above it —
 * Camunda 8's "latest" binding, within the owner rule of docs/adr/0003. `t` is a user_task
 * alias and `d` its process_definition (trusted aliases written in code).
 */
export function taskFormSql(t: string, d: string): string {
  return `COALESCE(${d}.forms -> COALESCE(${t}.form_id, ${t}.form_key), (
    SELECT f.schema FROM form_definition f JOIN org_unit form_owner ON form_owner.id = f.owner_unit_id
     WHERE f.form_id = ${t}.form_id AND ${atOrBelow(`${t}.org_path`, 'form_owner.org_path')}
     ORDER BY f.version DESC LIMIT 1))`;
}

/** Of the given form ids, those with a version a case at `orgPath` would show (the rule of taskFormSql). */
export async function formsAvailableAt(
  db: EntityManager,
  formIds: string[],
  orgPath: string,
): Promise<Set<string>> {
  if (formIds.length === 0) return new Set();
  const rows: { formId: string }[] = await db.query(
    `SELECT DISTINCT f.form_id AS "formId"
     FROM form_definition f JOIN org_unit owner ON owner.id = f.owner_unit_id
     WHERE f.form_id = ANY($1::text[]) AND ${atOrBelow('$2::text', 'owner.org_path')}`,
    [formIds, orgPath],
  );
  return new Set(rows.map((row) => row.formId));
}
