import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views of a user's own screens (docs/api.md, Saved views): one JSON object per user and
 * key (`inbox`, `console`), written and read only by that user. Removed with the user.
 */
export class UserPreferences1764800000000 implements MigrationInterface {
  name = 'UserPreferences1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_preference (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        key text NOT NULL,
        value jsonb NOT NULL CHECK (jsonb_typeof(value) = 'object'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );
      GRANT SELECT, INSERT, UPDATE, DELETE ON user_preference TO carepath_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE user_preference`);
  }
}
