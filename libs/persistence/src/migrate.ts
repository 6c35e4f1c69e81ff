import { loadConfig } from '../../config/src';
import { createDataSource, describeDatabaseUrl } from './data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    JWT_SECRET: 'x'.repeat(32),
    CAREPATH_DATA_KEY: Buffer.alloc(32).toString('base64'),
  });
  const dataSource = createDataSource(config.databaseUrl);
  try {
    await dataSource.initialize();
  } catch (error) {
    console.error(
      `Cannot reach PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(
    applied.length
      ? `Applied migrations: ${applied.map((m) => m.name).join(', ')}`
      : 'Database schema is up to date',
  );
  await dataSource.destroy();
}

void main();
