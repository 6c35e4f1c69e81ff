import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../../libs/persistence/src/data-source';

/**
 * One throwaway PostgreSQL database per test run (per jest project), migrated from scratch, so
 * migrations are tested on every run and runs never see each other's data.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const adminUrl =
    process.env.CAREPATH_TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `carepath_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.CAREPATH_TEST_DATABASE_URL = url.toString();
  const dataSource = createDataSource(url.toString());
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  return async () => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}
