import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * School calendars (docs/calendars.md#editing-a-calendar): at most one own calendar per org unit;
 * units without one inherit the nearest one above them. The row is the definition as given
 * (terms, extra holidays, extra make-up days, time zone); the national holidays are merged in
 * when a case reads it, so they are never stored twice. The app role replaces and removes rows
 * (PUT and DELETE /api/org-units/:id/calendar), so it holds every right on this table, as on the
 * other tables it writes; who changed what is in access_log.
 */
export class OrgUnitCalendars1764600000000 implements MigrationInterface {
  name = 'OrgUnitCalendars1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE org_unit_calendar (
        org_unit_id uuid PRIMARY KEY REFERENCES org_unit(id) ON DELETE CASCADE,
        timezone text NOT NULL DEFAULT 'Asia/Shanghai',
        terms jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(terms) = 'array'),
        holidays jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(holidays) = 'array'),
        workdays jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(workdays) = 'array'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id)
      );
      GRANT SELECT, INSERT, UPDATE, DELETE ON org_unit_calendar TO carepath_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE org_unit_calendar`);
  }
}
