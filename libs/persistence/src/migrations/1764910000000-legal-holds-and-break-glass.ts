import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confidentiality, the rest of R10 (docs/adr/0024-legal-hold-break-glass-and-reads.md):
 * - `legal_hold`: a hold on a case stops its purge (消档). One active hold per case (released_at
 *   null); released holds stay as the record of who held and released it when. A purge step that
 *   ran while the hold was active is noted on it (`purge_blocked_at`, the job) so that releasing
 *   the hold completes the purge in the same transaction. Reasons live sealed in the case's audit
 *   chain, not here. The app may insert and update holds, never delete them.
 * - `break_glass_grant`: a time-limited emergency read of one case by one user outside their
 *   scope; the scope rule `caseReadable` (org-scope.ts) compares `expires_at` with now() in SQL,
 *   so a grant ends by itself. Grants are evidence: the app may insert them, nothing else.
 * - two indexes so a case's reads list finds the access_log rows that name the case in their
 *   detail (task reads, sealed reads, student files, exports).
 */
export class LegalHoldsAndBreakGlass1764910000000 implements MigrationInterface {
  name = 'LegalHoldsAndBreakGlass1764910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE legal_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instance_id uuid NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        placed_by uuid NOT NULL REFERENCES app_user(id),
        placed_at timestamptz NOT NULL DEFAULT now(),
        released_by uuid REFERENCES app_user(id),
        released_at timestamptz,
        purge_blocked_at timestamptz,
        purge_job_id text,
        purge_element_id text,
        CHECK ((released_by IS NULL) = (released_at IS NULL)),
        CHECK ((purge_blocked_at IS NULL) = (purge_job_id IS NULL))
      );
      CREATE UNIQUE INDEX legal_hold_one_active ON legal_hold (instance_id) WHERE released_at IS NULL;
      REVOKE DELETE, TRUNCATE ON legal_hold FROM carepath_app;

      CREATE TABLE break_glass_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instance_id uuid NOT NULL REFERENCES process_instance(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > granted_at)
      );
      CREATE INDEX break_glass_grant_lookup ON break_glass_grant (instance_id, user_id, expires_at);
      REVOKE UPDATE, DELETE, TRUNCATE ON break_glass_grant FROM carepath_app;

      CREATE INDEX access_log_instance ON access_log ((detail ->> 'instanceId'))
        WHERE detail ? 'instanceId';
      CREATE INDEX access_log_instances ON access_log USING gin ((detail -> 'instances'))
        WHERE detail ? 'instances';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX access_log_instances;
      DROP INDEX access_log_instance;
      DROP TABLE break_glass_grant;
      DROP TABLE legal_hold;
    `);
  }
}
