import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key per case (docs/adr/0020-per-case-keys-seal-and-purge.md):
 * - `case_key` holds each case's 32-byte data key, only ever wrapped (AES-256-GCM under a key
 *   derived from CAREPATH_DATA_KEY, the instance id as additional data). The app may insert a
 *   key and destroy it (wrapped set to null, destroyed_at set), nothing else: a trigger refuses
 *   any other change, so a destroyed key cannot be put back and a live one cannot be swapped.
 * - `process_instance.sealed_at`: the case file was sealed at closure (handler `seal-case`);
 *   reads then need a reason.
 * - `process_instance.purged_at`: the case key was destroyed (handler `purge-case`, 消档).
 */
export class CaseKeys1764620000000 implements MigrationInterface {
  name = 'CaseKeys1764620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_key (
        -- A case row removed before its workflow ran (the api's deleteUnstarted) takes its key along.
        instance_id uuid PRIMARY KEY REFERENCES process_instance(id) ON DELETE CASCADE,
        key_id text NOT NULL UNIQUE,
        wrapped bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
      );
      CREATE FUNCTION case_key_only_destroyed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.instance_id <> OLD.instance_id OR NEW.key_id <> OLD.key_id
           OR NEW.created_at <> OLD.created_at OR OLD.wrapped IS NULL OR NEW.wrapped IS NOT NULL THEN
          RAISE EXCEPTION 'the key of case % can only be destroyed', OLD.instance_id;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER case_key_destroy_only BEFORE UPDATE ON case_key
        FOR EACH ROW EXECUTE FUNCTION case_key_only_destroyed();
      REVOKE DELETE, TRUNCATE ON case_key FROM carepath_app;

      ALTER TABLE process_instance ADD COLUMN sealed_at timestamptz;
      ALTER TABLE process_instance ADD COLUMN purged_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE process_instance DROP COLUMN purged_at;
      ALTER TABLE process_instance DROP COLUMN sealed_at;
      DROP TABLE case_key;
      DROP FUNCTION case_key_only_destroyed();
    `);
  }
}
