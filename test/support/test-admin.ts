import * as argon2 from 'argon2';
import { Client } from 'pg';

/** Every stack of a run shares one database, hence one admin password. */
export const TEST_ADMIN_PASSWORD = 'test-root-passphrase-2026';

/**
 * The run's database starts with what the api's bootstrap (apps/api/src/auth/bootstrap-admin.ts)
 * makes on an empty database: the root org unit and `admin` (role admin at the root) with
 * TEST_ADMIN_PASSWORD. Made here rather than left to the first api that boots, because
 * integration tests insert users of their own into the same database, and an api that boots after
 * them finds users and makes no admin (every e2e sign-in as admin then fails with 401).
 */
export async function seedTestAdmin(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const root = await client.query<{ id: string }>(
      `INSERT INTO org_unit (kind, name, code, org_path) VALUES ('root', 'CarePath', 'root', '/root') RETURNING id`,
    );
    const admin = await client.query<{ id: string }>(
      `INSERT INTO app_user (username, password_hash, display_name) VALUES ('admin', $1, 'Administrator') RETURNING id`,
      [await argon2.hash(TEST_ADMIN_PASSWORD)],
    );
    await client.query(`INSERT INTO role_assignment (user_id, role, org_unit_id) VALUES ($1, 'admin', $2)`, [
      admin.rows[0]!.id,
      root.rows[0]!.id,
    ]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
