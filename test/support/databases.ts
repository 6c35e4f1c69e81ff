import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE, createDataSource } from '../../libs/persistence/src';

/** The server tests create databases on, as a role that may (a superuser locally). */
export function testAdminUrl(): string {
  return process.env.CAREPATH_TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  /** The `carepath_app` login: what the api, worker and tests connect with. */
  appUrl: string;
  /** The owner, who ran the migrations: for tests that tamper on purpose. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/**
 * A new database, migrated from scratch as its owner (the admin role), with the app role's login
 * ready, exactly as `./scripts/up` prepares the local one.
 */
export async function createMigratedDatabase(prefix = 'carepath_test'): Promise<TestDatabase> {
  const adminUrl = testAdminUrl();
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    await ensureAppLogin(admin);
  } finally {
    await admin.end();
  }
  const owner = new URL(adminUrl);
  owner.pathname = `/${name}`;
  const app = new URL(owner);
  app.username = APP_ROLE;
  app.password = process.env.CAREPATH_TEST_APP_PASSWORD ?? '';
  const dataSource = createDataSource(owner.toString());
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  return { appUrl: app.toString(), ownerUrl: owner.toString(), drop: () => dropDatabase(owner.toString()) };
}

/** Drops the database a URL names (as the admin role), whoever is still connected to it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to drop database "${name}"`);
  const client = new Client({ connectionString: testAdminUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The app role as a login without any attribute beyond LOGIN (scripts/lib/common.sh does the
 * same for ./scripts/up). Roles are server-wide, so parallel runs may race to create it.
 */
async function ensureAppLogin(admin: Client): Promise<void> {
  await admin.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
      ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        ALTER ROLE ${APP_ROLE} LOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END $$`);
}
