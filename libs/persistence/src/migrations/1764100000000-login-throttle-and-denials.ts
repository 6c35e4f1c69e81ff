import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login limits kept in PostgreSQL, so they survive a restart and every api process shares them
 * (docs/adr/0006-login-limits.md); and an index for capping `access.denied` rows per user.
 */
export class LoginThrottleAndDenials1764100000000 implements MigrationInterface {
  name = 'LoginThrottleAndDenials1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- One row per counted thing: an account and address together ('pair'), an address, or an
      -- account. key is an HMAC of the typed username and/or the address, so the table holds
      -- neither (people type passwords into the username field). failures counts the failed
      -- sign-ins of the one-minute window that began at window_start. last_success_at (pair rows
      -- only) is when that account last signed in from that address: such a "known" pair is not
      -- held back by the address and account ceilings. Stale rows are swept by the api.
      CREATE TABLE login_throttle (
        scope text NOT NULL CHECK (scope IN ('pair','address','account')),
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL CHECK (failures >= 0),
        last_success_at timestamptz,
        PRIMARY KEY (scope, key),
        CHECK (scope = 'pair' OR last_success_at IS NULL)
      );
      CREATE INDEX login_throttle_window ON login_throttle (window_start);

      -- Recent denials of one user, counted before another is written.
      CREATE INDEX access_log_denials ON access_log (user_id, at)
        WHERE action IN ('access.denied', 'access.denied-capped');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX access_log_denials;
      DROP TABLE login_throttle;
    `);
  }
}
