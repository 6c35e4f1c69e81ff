import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tier 2 events (docs/signals.md, docs/adr/0010-signals-links-and-thrown-events.md):
 * - `signal_subscription`: where a running case waits for a signal (a catch event, a boundary,
 *   an event sub-process start). A signal has a name and no correlation key, and is broadcast
 *   to every open subscription of its name in scope, so it has a table of its own: message
 *   queries and the message buffer never see it.
 * - `user_task.form_key`: the zeebe:formDefinition formKey of a job-worker user task.
 */
export class SignalsAndFormKeys1764400000000 implements MigrationInterface {
  name = 'SignalsAndFormKeys1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE signal_subscription (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        element_id text NOT NULL,
        org_path text NOT NULL,
        signal_name text NOT NULL,
        state text NOT NULL CHECK (state IN ('open','correlated','cancelled')),
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        CHECK ((state = 'open') = (closed_at IS NULL))
      );
      CREATE INDEX signal_subscription_open ON signal_subscription (signal_name, org_path)
        WHERE state = 'open';
      CREATE INDEX signal_subscription_instance ON signal_subscription (instance_id);

      ALTER TABLE user_task ADD COLUMN form_key text;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_task DROP COLUMN form_key;
      DROP TABLE signal_subscription;
    `);
  }
}
