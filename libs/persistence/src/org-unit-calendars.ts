import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarDefinition, CaseCalendar } from '../../domain/src';
import { caseCalendarFrom } from '../../domain/src/case-calendar';
import { atOrBelow } from './org-scope';

/**
 * School calendars in SQL (docs/calendars.md#editing-a-calendar): a unit's own calendar, and
 * the one it computes with — its own, or the nearest own calendar above it (by org path), or
 * none, in which case the national default applies.
 */

type Db = DataSource | EntityManager;

/** An own calendar and the unit it belongs to. */
export interface StoredCalendar {
  unitId: string;
  unitName: string;
  orgPath: string;
  definition: CalendarDefinition;
  updatedAt: Date;
  updatedBy: string | null;
  /** Display name of who stored it last. */
  updatedByName: string | null;
}

interface CalendarRow {
  id: string;
  name: string;
  org_path: string;
  timezone: string;
  terms: CalendarDefinition['terms'];
  holidays: string[];
  workdays: string[];
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

/**
 * The nearest unit at or above the one at `orgPath` that has its own calendar, with it; null when
 * none has. Paths are materialised, so "above" is a prefix test and the nearest is the longest.
 */
export async function nearestOwnCalendar(db: Db, orgPath: string): Promise<StoredCalendar | null> {
  const rows: CalendarRow[] = await db.query(
    `SELECT ou.id, ou.name, ou.org_path, c.timezone, c.terms, c.holidays, c.workdays, c.updated_at, c.updated_by,
            u.display_name AS updated_by_name
       FROM org_unit_calendar c
       JOIN org_unit ou ON ou.id = c.org_unit_id
       LEFT JOIN app_user u ON u.id = c.updated_by
      WHERE ${atOrBelow('$1', 'ou.org_path')}
      ORDER BY length(ou.org_path) DESC
      LIMIT 1`,
    [orgPath],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    unitId: row.id,
    unitName: row.name,
    orgPath: row.org_path,
    definition: { timezone: row.timezone, terms: row.terms, holidays: row.holidays, workdays: row.workdays },
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
  };
}

/** The calendar a case at `orgPath` computes with: national holidays merged in, with its version. */
export async function effectiveCaseCalendar(db: Db, orgPath: string): Promise<CaseCalendar> {
  return caseCalendarOf(await nearestOwnCalendar(db, orgPath));
}

/** The case calendar of a found own calendar (or of none: the national default). */
export function caseCalendarOf(stored: StoredCalendar | null): CaseCalendar {
  return caseCalendarFrom(stored ? { unitId: stored.unitId, definition: stored.definition } : null);
}

/** Stores `definition` as the unit's own calendar, replacing the one it had. */
export async function saveOwnCalendar(
  db: Db,
  unitId: string,
  definition: CalendarDefinition,
  updatedBy: string,
): Promise<void> {
  await db.query(
    `INSERT INTO org_unit_calendar (org_unit_id, timezone, terms, holidays, workdays, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, now(), $6)
     ON CONFLICT (org_unit_id) DO UPDATE
       SET timezone = EXCLUDED.timezone, terms = EXCLUDED.terms, holidays = EXCLUDED.holidays,
           workdays = EXCLUDED.workdays, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [
      unitId,
      definition.timezone,
      JSON.stringify(definition.terms),
      JSON.stringify(definition.holidays),
      JSON.stringify(definition.workdays),
      updatedBy,
    ],
  );
}

/** Removes the unit's own calendar; true when it had one. */
export async function deleteOwnCalendar(db: Db, unitId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `DELETE FROM org_unit_calendar WHERE org_unit_id = $1 RETURNING org_unit_id`,
    [unitId],
  );
  return rows.length > 0;
}

/**
 * The active cases whose calendar is the one of the unit at `orgPath`: those at it or below it,
 * but not those at or below a lower unit that has its own calendar (theirs did not change).
 */
export async function activeCasesUnderCalendar(db: Db, orgPath: string): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `SELECT i.id FROM process_instance i
      WHERE i.state = 'active'
        AND ${atOrBelow('i.org_path', '$1')}
        AND NOT EXISTS (
          SELECT 1 FROM org_unit_calendar lower_c
          JOIN org_unit lower_ou ON lower_ou.id = lower_c.org_unit_id
          WHERE starts_with(lower_ou.org_path, $1 || '/')
            AND ${atOrBelow('i.org_path', 'lower_ou.org_path')})
      ORDER BY i.started_at, i.id`,
    [orgPath],
  );
  return rows.map((row) => row.id);
}
