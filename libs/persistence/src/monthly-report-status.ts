import type { EntityManager } from 'typeorm';
import { atOrBelow, inScope } from './org-scope';

/**
 * What GET /api/reports/monthly needs around the counts (monthly-reports.ts): the unit asked
 * for, seen through the scope rule; the schools below it; and whether each school's psychology
 * teacher has submitted the month's report. Names of units and of staff only, never a student's.
 */

/** The `monthly-report` user task whose completion is the school's submission (PATHWAY.md). */
export const REPORT_REVIEW_ELEMENT_ID = 'review-report';

export interface ReportUnit {
  id: string;
  kind: string;
  name: string;
  orgPath: string;
}

/**
 * The unit `unitId` when the user holds one of `roles` at it or at a unit above it (the one
 * scope rule), else null: an unknown unit and one outside the caller's scope look the same.
 */
export async function reportUnitInScope(
  db: EntityManager,
  userId: string,
  unitId: string,
  roles: readonly string[],
): Promise<ReportUnit | null> {
  const [text, parameters] = db.connection.driver.escapeQueryWithParameters(
    `SELECT ou.id, ou.kind, ou.name, ou.org_path FROM org_unit ou
     WHERE ou.id = :unitId AND ${inScope('ou.org_path', roles)}`,
    { unitId, scopeUserId: userId },
    {},
  );
  const rows: { id: string; kind: string; name: string; org_path: string }[] = await db.query(
    text,
    parameters,
  );
  const row = rows[0];
  return row ? { id: row.id, kind: row.kind, name: row.name, orgPath: row.org_path } : null;
}

export interface ReportSchool extends ReportUnit {
  /**
   * The caller holds one of the roles at the school or at a unit inside it: the school's own
   * staff, who read its exact numbers. District staff (roles above the school) do not.
   */
  ownStaff: boolean;
}

/** The schools at or below `orgPath` (the unit itself when it is one), by name. */
export async function schoolsForReport(
  db: EntityManager,
  userId: string,
  orgPath: string,
  roles: readonly string[],
): Promise<ReportSchool[]> {
  const rows: { id: string; kind: string; name: string; org_path: string; own_staff: boolean }[] =
    await db.query(
      `SELECT s.id, s.kind, s.name, s.org_path,
              EXISTS (SELECT 1 FROM role_assignment ra JOIN org_unit ru ON ru.id = ra.org_unit_id
                       WHERE ra.user_id = $2 AND ra.role = ANY($3::text[])
                         AND ${atOrBelow('ru.org_path', 's.org_path')}) AS own_staff
       FROM org_unit s
       WHERE s.kind = 'school' AND ${atOrBelow('s.org_path', '$1::text')}
       ORDER BY s.name, s.org_path`,
      [orgPath, userId, [...roles]],
    );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    orgPath: row.org_path,
    ownStaff: row.own_staff,
  }));
}

export interface ReportSubmission {
  submittedAt: Date;
  /** The display name of who completed the review, null when nobody is recorded. */
  submittedBy: string | null;
}

/**
 * Per school id, the first submission of `month`: a `monthly-report` case of the school that
 * compiled that month (table monthly_report) and whose `review-report` task was completed.
 * Schools without one are absent.
 */
export async function reportSubmissions(
  db: EntityManager,
  schoolIds: readonly string[],
  month: string,
): Promise<Map<string, ReportSubmission>> {
  if (schoolIds.length === 0) return new Map();
  const rows: { org_unit_id: string; ended_at: Date; display_name: string | null }[] = await db.query(
    `SELECT DISTINCT ON (r.org_unit_id) r.org_unit_id, t.ended_at, u.display_name
     FROM monthly_report r
     JOIN user_task t ON t.instance_id = r.instance_id
     LEFT JOIN app_user u ON u.id = t.ended_by
     WHERE r.org_unit_id = ANY($1::uuid[]) AND r.month = $2
       AND t.element_id = $3 AND t.state = 'completed'
     ORDER BY r.org_unit_id, t.ended_at`,
    [[...schoolIds], month, REPORT_REVIEW_ELEMENT_ID],
  );
  return new Map(
    rows.map((row) => [row.org_unit_id, { submittedAt: row.ended_at, submittedBy: row.display_name }]),
  );
}
