import { dropDatabase } from './databases';

/** Drops the run's database that global-setup.ts made (same process, so the same environment). */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.CAREPATH_TEST_OWNER_DATABASE_URL;
  if (url) await dropDatabase(url);
}
