import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the append-only audit hold against the application itself (ADR 0004):
 * - TRUNCATE of audit_event and access_log is refused (row triggers never see a TRUNCATE);
 * - the api and worker run as `carepath_app` (APP_ROLE), which owns nothing (so it cannot disable a trigger
 *   or drop a table) and may only read and append audit records;
 * - `audit_head` keeps, per case, the last entry of its chain with an HMAC the database cannot
 *   compute (the key is derived from CAREPATH_DATA_KEY), so cutting a chain's tail is detected.
 *
 * Runs as the schema's owner (DATABASE_MIGRATION_URL). Roles belong to the whole server, so the
 * role is created only when missing (a local setup creates it as a login first).
 */
export class AuditIntegrity1764200000000 implements MigrationInterface {
  name = 'AuditIntegrity1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

      -- The signed head of each case's chain: the entry the chain must end with. mac is
      -- HMAC-SHA256 over (instanceId, seq, hash) with a key the database never sees; key_id names
      -- that key (key-derivation.ts) so a rotation can tell old heads from forged ones.
      CREATE TABLE audit_head (
        instance_id uuid PRIMARY KEY REFERENCES process_instance(id),
        seq integer NOT NULL CHECK (seq > 0),
        hash text NOT NULL,
        key_id text NOT NULL,
        mac text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- A head only moves forward: whoever may update it (the app role) still cannot roll it back
      -- to an earlier, validly signed state after cutting the chain back to that point.
      CREATE FUNCTION audit_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.instance_id <> OLD.instance_id OR NEW.seq <= OLD.seq THEN
          RAISE EXCEPTION 'the audit head of case % only moves forward', OLD.instance_id;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
        FOR EACH ROW EXECUTE FUNCTION audit_head_moves_forward();
      CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_head
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'carepath_app') THEN
          BEGIN
            CREATE ROLE carepath_app NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database on this server created it meanwhile
          END;
        END IF;
      END $$;

      -- Before PostgreSQL 15 every role may create tables in public (and would own them).
      DO $$
      BEGIN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'not the owner of schema public: PUBLIC keeps whatever CREATE it has';
      END $$;

      GRANT USAGE ON SCHEMA public TO carepath_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO carepath_app;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO carepath_app;
      REVOKE UPDATE, DELETE ON audit_event, access_log FROM carepath_app;
      REVOKE DELETE ON audit_head FROM carepath_app;
      REVOKE ALL ON migrations FROM carepath_app;
      -- Tables of later migrations (run by the same owner) are the app's to read and write.
      -- A later append-only table must REVOKE UPDATE, DELETE itself, as above.
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO carepath_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO carepath_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM carepath_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM carepath_app;
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM carepath_app;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM carepath_app;
      REVOKE USAGE ON SCHEMA public FROM carepath_app;
      DROP TABLE audit_head;
      DROP FUNCTION audit_head_moves_forward();
      DROP TRIGGER audit_event_no_truncate ON audit_event;
      DROP TRIGGER access_log_no_truncate ON access_log;
    `);
  }
}
