import { isIP } from 'node:net';
import { passwordProblem } from '../../domain/src';

/**
 * Runtime configuration, read once from the environment and validated at boot. Every problem is
 * reported at once, one line each, so a newcomer fixes them in one go.
 */
export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** mTLS for a self-hosted cluster or Temporal Cloud; all three are file paths. */
  tls?: { certPath?: string; keyPath?: string; caPath?: string; serverName?: string };
  apiKey?: string;
}

export interface AppConfig {
  /** What the api and worker connect with: a login holding the `carepath_app` role, owning nothing. */
  databaseUrl: string;
  /** What `npm run migrate` connects with: the schema's owner (DATABASE_URL when unset). */
  migrationDatabaseUrl: string;
  temporal: TemporalConfig;
  port: number;
  jwtSecret: string;
  /** Access tokens are short-lived: 30 minutes by default (docs/architecture.md, security model). */
  jwtTtlSeconds: number;
  adminPassword?: string;
  /**
   * CAREPATH_DATA_KEY, 32 bytes: seals sensitive fields at rest, and is the master from which the
   * Temporal payload key and the audit head key are derived (HKDF, key-derivation.ts).
   */
  dataKey: Buffer;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'silent';
  /** Failed sign-ins a minute for one account from one client address (docs/security.md). */
  loginRateLimit: number;
  /** Failed sign-ins a minute from one client address, for all accounts together. */
  loginAddressLimit: number;
  /** Failed sign-ins a minute for one account, from all addresses together. */
  loginAccountLimit: number;
  /**
   * Express's 'trust proxy': false (the socket's address is the client's), a hop count, or the
   * proxies' addresses (CIDR or loopback/linklocal/uniquelocal) whose X-Forwarded-For is believed.
   */
  trustProxy: false | number | string[];
  /** Seconds between the worker's sweeps verifying every audit chain; 0 turns the sweep off. */
  auditVerifyIntervalSeconds: number;
  /**
   * How long an api request waits for a case's workflow (an Update: start's first step, a
   * completion, a cancellation) before it answers 504 (or 202 for a started case): 10 s by
   * default, long enough for a loaded cluster, short enough that a stopped worker or a stuck
   * case never hangs a request.
   */
  caseUpdateTimeoutMs: number;
  /**
   * How long an emergency access (break-glass) grant to a case lasts: BREAK_GLASS_SECONDS, 4 h by
   * default (docs/security.md#break-glass); tests set a few seconds to watch one expire.
   */
  breakGlassSeconds: number;
  webDistPath?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'silent'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string, fallback?: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = text('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/carepath');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const migrationDatabaseUrl = text('DATABASE_MIGRATION_URL', databaseUrl);
  if (env.DATABASE_MIGRATION_URL?.trim() && !/^postgres(ql)?:\/\//.test(migrationDatabaseUrl)) {
    problems.push('DATABASE_MIGRATION_URL must start with postgres:// or postgresql://');
  }

  const jwtSecret = text('JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');

  const dataKeyText = text('CAREPATH_DATA_KEY');
  const dataKey = Buffer.from(dataKeyText, 'base64');
  if (dataKeyText && dataKey.length !== 32) {
    problems.push('CAREPATH_DATA_KEY must be 32 bytes encoded in base64 (openssl rand -base64 32)');
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const tlsCert = env.TEMPORAL_TLS_CERT?.trim();
  const tlsKey = env.TEMPORAL_TLS_KEY?.trim();
  const tlsCa = env.TEMPORAL_TLS_CA?.trim();
  if (Boolean(tlsCert) !== Boolean(tlsKey)) {
    problems.push('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be given together');
  }
  const apiKey = env.TEMPORAL_API_KEY?.trim();
  const wantsTls = Boolean(tlsCert || tlsCa || apiKey || env.TEMPORAL_TLS === 'true');

  const config: AppConfig = {
    databaseUrl,
    migrationDatabaseUrl,
    temporal: {
      address: text('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: text('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: text('TEMPORAL_TASK_QUEUE', 'carepath'),
      ...(wantsTls
        ? {
            tls: {
              certPath: tlsCert,
              keyPath: tlsKey,
              caPath: tlsCa,
              serverName: env.TEMPORAL_TLS_SERVER_NAME?.trim() || undefined,
            },
          }
        : {}),
      ...(apiKey ? { apiKey } : {}),
    },
    port: integer('PORT', 3000, 0, 65535),
    jwtSecret,
    jwtTtlSeconds: integer('JWT_TTL_SECONDS', 1800, 60, 86400),
    adminPassword: env.CAREPATH_ADMIN_PASSWORD?.trim() || undefined,
    dataKey,
    logLevel,
    loginRateLimit: integer('LOGIN_RATE_LIMIT', 10, 1, 10000),
    loginAddressLimit: integer('LOGIN_ADDRESS_LIMIT', 300, 1, 100000),
    loginAccountLimit: integer('LOGIN_ACCOUNT_LIMIT', 30, 1, 100000),
    trustProxy: trustProxy(env.TRUST_PROXY, problems),
    auditVerifyIntervalSeconds: integer('AUDIT_VERIFY_INTERVAL_SECONDS', 3600, 0, 7 * 86400),
    caseUpdateTimeoutMs: integer('CASE_UPDATE_TIMEOUT_MS', 10_000, 1000, 120_000),
    breakGlassSeconds: integer('BREAK_GLASS_SECONDS', 4 * 3600, 1, 24 * 3600),
    webDistPath: env.WEB_DIST_PATH?.trim() || undefined,
  };
  if (config.loginAccountLimit < config.loginRateLimit || config.loginAddressLimit < config.loginRateLimit) {
    problems.push('LOGIN_ACCOUNT_LIMIT and LOGIN_ADDRESS_LIMIT must be at least LOGIN_RATE_LIMIT');
  }
  const adminPasswordProblem =
    config.adminPassword === undefined ? null : passwordProblem(config.adminPassword, 'admin');
  if (adminPasswordProblem) {
    problems.push(
      `CAREPATH_ADMIN_PASSWORD ${adminPasswordProblem} (it is only needed to create admin on an empty database)`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: off by default. `true` is refused: it would believe an X-Forwarded-For any client
 * can write, so every login limit keyed by address could be dodged.
 */
function trustProxy(raw: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false' || value === 'off') return false;
  if (value === 'true') {
    problems.push(
      "TRUST_PROXY=true would believe any client's X-Forwarded-For: give the proxy's addresses, a hop count or loopback",
    );
    return false;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) problems.push(`TRUST_PROXY must be a hop count from 0 to 10, got "${value}"`);
    return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !PROXY_NAMES.includes(entry) && !isAddressOrRange(entry));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be off, a hop count, or a comma-separated list of ${PROXY_NAMES.join('/')}, ` +
        `addresses and CIDR ranges; "${bad.join('", "')}" is none of these`,
    );
    return false;
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** For entry points: the configuration, or a one-line message per problem and exit code 1. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
