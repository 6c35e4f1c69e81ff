import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Semester screening imports (POST /api/screenings, docs/screening.md):
 * - `screening`: one import at a school — its instrument, the keyed hash of its content (the
 *   same school, instrument and rows again find this row: the unique key makes a repeated import
 *   change nothing, even when two arrive at once), the counts, who imported it, and the
 *   `screening-campaign` case it started for the flagged students. `wrapped_key` is the
 *   screening's own data key, wrapped (screening-keys.ts).
 * - `screening_result`: one scored student per accepted row. The score, band, flag and reasons
 *   are kept readable for review and statistics; the raw answers are sealed with the screening's
 *   key. The app may insert results and read them, never change or delete them; a screening it
 *   may update (its campaign), never delete.
 */
export class Screenings1764900000000 implements MigrationInterface {
  name = 'Screenings1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE screening (
        id uuid PRIMARY KEY,
        org_unit_id uuid NOT NULL REFERENCES org_unit(id),
        org_path text NOT NULL,
        instrument text NOT NULL,
        content_hash text NOT NULL,
        key_id text NOT NULL UNIQUE,
        wrapped_key bytea NOT NULL,
        row_count integer NOT NULL CHECK (row_count >= 0),
        flagged_count integer NOT NULL CHECK (flagged_count >= 0),
        rejected_count integer NOT NULL CHECK (rejected_count >= 0),
        reviews_opened integer NOT NULL DEFAULT 0 CHECK (reviews_opened >= 0),
        campaign_instance_id uuid REFERENCES process_instance(id) ON DELETE SET NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_unit_id, instrument, content_hash)
      );
      CREATE INDEX screening_path ON screening (org_path text_pattern_ops);

      CREATE TABLE screening_result (
        screening_id uuid NOT NULL REFERENCES screening(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES student(id),
        row_number integer NOT NULL,
        score numeric(6, 2) NOT NULL,
        band text NOT NULL,
        flagged boolean NOT NULL,
        reasons jsonb NOT NULL CHECK (jsonb_typeof(reasons) = 'array'),
        answers text NOT NULL CHECK (answers LIKE 'v2:%'),
        PRIMARY KEY (screening_id, student_id)
      );
      CREATE INDEX screening_result_student ON screening_result (student_id);

      -- New tables get the app role's default privileges (audit-integrity migration); take back
      -- what it must not do: delete a screening, or change or delete a result.
      REVOKE DELETE, TRUNCATE ON screening FROM carepath_app;
      REVOKE UPDATE, DELETE, TRUNCATE ON screening_result FROM carepath_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE screening_result; DROP TABLE screening;`);
  }
}
