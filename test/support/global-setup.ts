import { createMigratedDatabase } from './databases';
import { seedTestAdmin } from './test-admin';

/**
 * One throwaway PostgreSQL database per test run, migrated from scratch, so migrations are tested
 * on every run and runs never see each other's data.
 *
 * Jest runs the global setup of every project (integration, e2e) in one process before any test,
 * and the tests of all projects inherit that process's environment: so the run has ONE database,
 * made by the first setup and reused by the others (a second one would only replace the first in
 * the environment, and the two projects would share it anyway). It starts with the test admin
 * (test-admin.ts), whatever order the tests run in.
 *
 * As in production, migrations run as the owner and everything else as the app role, which owns
 * nothing: CAREPATH_TEST_DATABASE_URL is the `carepath_app` login (what the api, worker and
 * tests use), CAREPATH_TEST_OWNER_DATABASE_URL the owner (for tests that tamper on purpose).
 * global-teardown.ts drops it (Jest ignores what a global setup returns).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.CAREPATH_TEST_DATABASE_MADE === '1') return;
  const database = await createMigratedDatabase();
  await seedTestAdmin(database.ownerUrl);
  process.env.CAREPATH_TEST_DATABASE_URL = database.appUrl;
  process.env.CAREPATH_TEST_OWNER_DATABASE_URL = database.ownerUrl;
  process.env.CAREPATH_TEST_DATABASE_MADE = '1';
}
