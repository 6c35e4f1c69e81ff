import { createMigratedDatabase } from './databases';

/**
 * One throwaway PostgreSQL database per test run (per jest project), migrated from scratch, so
 * migrations are tested on every run and runs never see each other's data.
 *
 * As in production, migrations run as the owner and everything else as the app role, which owns
 * nothing: CAREPATH_TEST_DATABASE_URL is the `carepath_app` login (what the api, worker and
 * tests use), CAREPATH_TEST_OWNER_DATABASE_URL the owner (for tests that tamper on purpose).
 * global-teardown.ts drops it (Jest ignores what a global setup returns).
 */
export default async function globalSetup(): Promise<void> {
  const database = await createMigratedDatabase();
  process.env.CAREPATH_TEST_DATABASE_URL = database.appUrl;
  process.env.CAREPATH_TEST_OWNER_DATABASE_URL = database.ownerUrl;
}
