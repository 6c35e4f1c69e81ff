import { loadConfig } from '../../config/src';
import { createDataSource, describeDatabaseUrl } from './data-source';
import { APP_ROLE } from './database-role';

/**
 * `npm run migrate`: applies pending migrations as the schema's owner (DATABASE_MIGRATION_URL,
 * else DATABASE_URL), then makes sure DATABASE_URL's login holds the app role.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    JWT_SECRET: 'x'.repeat(32),
    CAREPATH_DATA_KEY: Buffer.alloc(32).toString('base64'),
  });
  const dataSource = createDataSource(config.migrationDatabaseUrl);
  try {
    await dataSource.initialize();
  } catch (error) {
    console.error(
      `Cannot reach PostgreSQL at ${describeDatabaseUrl(config.migrationDatabaseUrl)}: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(
    applied.length
      ? `Applied migrations: ${applied.map((m) => m.name).join(', ')}`
      : 'Database schema is up to date',
  );
  await grantAppRole(dataSource, config.databaseUrl);
  await dataSource.destroy();
}

/**
 * The api and worker connect with DATABASE_URL; when that is another login than the owner's, it
 * must hold the app role. Granting needs CREATEROLE (or ADMIN on the role); without it, say what
 * a DBA must run instead of failing the migration.
 */
async function grantAppRole(
  dataSource: ReturnType<typeof createDataSource>,
  databaseUrl: string,
): Promise<void> {
  const login = URL.canParse(databaseUrl) ? decodeURIComponent(new URL(databaseUrl).username) : '';
  const [self]: { owner: string }[] = await dataSource.query(`SELECT current_user AS owner`);
  if (!login || login === self?.owner || login === APP_ROLE) return;
  const [member]: { held: boolean | null }[] = await dataSource.query(
    `SELECT pg_has_role($1, '${APP_ROLE}', 'MEMBER') AS held FROM pg_roles WHERE rolname = $1`,
    [login],
  );
  if (!member) {
    console.error(`DATABASE_URL names login "${login}", which does not exist on this server`);
    process.exit(1);
  }
  if (member.held) return;
  try {
    await dataSource.query(`GRANT ${APP_ROLE} TO "${login.replaceAll('"', '""')}"`);
    console.log(`Granted ${APP_ROLE} to ${login}`);
  } catch (error) {
    console.error(
      `Cannot grant ${APP_ROLE} to ${login} (${(error as Error).message}); run as a role administrator: GRANT ${APP_ROLE} TO "${login}"`,
    );
    process.exit(1);
  }
}

void main();
