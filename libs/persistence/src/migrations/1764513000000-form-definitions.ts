import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deployed forms (docs/forms.md#versions): one immutable row per version of a form id, holding
 * the form-js schema and its sha-256 (the same schema again gives no new version). Like a
 * process key, a form id has an owner unit fixed by its first version (docs/adr/0003). The app
 * only ever adds versions, so it may not change or delete one.
 */
export class FormDefinitions1764513000000 implements MigrationInterface {
  name = 'FormDefinitions1764513000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE form_definition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        form_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        schema jsonb NOT NULL,
        sha256 text NOT NULL,
        owner_unit_id uuid NOT NULL REFERENCES org_unit(id),
        deployed_at timestamptz NOT NULL DEFAULT now(),
        deployed_by uuid REFERENCES app_user(id),
        UNIQUE (form_id, version)
      );
      CREATE INDEX form_definition_latest ON form_definition (form_id, version DESC);
      REVOKE UPDATE, DELETE ON form_definition FROM carepath_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE form_definition`);
  }
}
