import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confidentiality (docs/adr/0003-scope-of-grants-definitions-and-tasks.md):
 * - every process key has an owner unit, fixed by its first version: only a deployer at or above
 *   it publishes further versions, and only cases at or below it run them. Definitions deployed
 *   before owners existed belong to the root (they were deployed by whoever could deploy anywhere);
 * - a closed task keeps what it showed to those who do not see the case (a peer monitor), frozen
 *   when it closed, so what staff add later never reaches them.
 */
export class DefinitionOwnersAndTaskViews1764000000000 implements MigrationInterface {
  name = 'DefinitionOwnersAndTaskViews1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE process_definition ADD COLUMN owner_unit_id uuid REFERENCES org_unit(id);
      UPDATE process_definition SET owner_unit_id = (SELECT id FROM org_unit WHERE parent_id IS NULL);
      ALTER TABLE process_definition ALTER COLUMN owner_unit_id SET NOT NULL;
      CREATE INDEX process_definition_key ON process_definition (key, version DESC);

      ALTER TABLE user_task ADD COLUMN frozen_view jsonb;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_task DROP COLUMN frozen_view;
      DROP INDEX process_definition_key;
      ALTER TABLE process_definition DROP COLUMN owner_unit_id;
    `);
  }
}
