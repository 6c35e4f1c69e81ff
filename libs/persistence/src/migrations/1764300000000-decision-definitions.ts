import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deployed DMN decisions (docs/adr/0009-dmn-decisions.md): one immutable row per version of a
 * decision id, holding the whole DMN file it came from (its required decisions live there too)
 * and the compiled model the worker evaluates. Like a process key, a decision id has an owner
 * unit fixed by its first version (docs/adr/0003).
 */
export class DecisionDefinitions1764300000000 implements MigrationInterface {
  name = 'DecisionDefinitions1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE decision_definition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        name text,
        xml text NOT NULL,
        model jsonb NOT NULL,
        sha256 text NOT NULL,
        owner_unit_id uuid NOT NULL REFERENCES org_unit(id),
        deployed_at timestamptz NOT NULL DEFAULT now(),
        deployed_by uuid REFERENCES app_user(id),
        UNIQUE (decision_id, version)
      );
      CREATE INDEX decision_definition_latest ON decision_definition (decision_id, version DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE decision_definition`);
  }
}
