import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // Fail fast when PostgreSQL is unreachable instead of hanging on boot.
    connectTimeoutMS: 5000,
    extra: { max: 10, options: APP_SESSION_OPTIONS },
  });
}

/**
 * Session settings of every connection the app opens. JIT compilation off: the app's statements
 * run in milliseconds to a second, and PostgreSQL's cost-based JIT spent longer compiling them
 * than running them — 2.5 s of a 5 s district monthly report, 90 ms of a school's 270 ms
 * (bench/monthly-report.ts, docs/adr/0025-jit-off-for-app-sessions.md).
 */
export const APP_SESSION_OPTIONS = '-c jit=off';

/** Describes the address a DATABASE_URL points at without its password, for error messages. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
