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
  databaseUrl: string;
  temporal: TemporalConfig;
  port: number;
  jwtSecret: string;
  /** Access tokens are short-lived: 30 minutes by default (ARCHITECTURE.md, security model). */
  jwtTtlSeconds: number;
  adminPassword?: string;
  /** 32-byte key (base64) for sensitive fields at rest. */
  dataKey: Buffer;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'silent';
  /** Login attempts allowed per client per minute. */
  loginRateLimit: number;
  /**
   * How long an api request waits for a case's workflow (an Update: start's first step, a
   * completion, a cancellation) before it answers 504 (or 202 for a started case): 10 s by
   * default, long enough for a loaded cluster, short enough that a stopped worker or a stuck
   * case never hangs a request.
   */
  caseUpdateTimeoutMs: number;
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
    caseUpdateTimeoutMs: integer('CASE_UPDATE_TIMEOUT_MS', 10_000, 1000, 120_000),
    webDistPath: env.WEB_DIST_PATH?.trim() || undefined,
  };
  if (config.adminPassword !== undefined && config.adminPassword.length < 12) {
    problems.push('CAREPATH_ADMIN_PASSWORD must be at least 12 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
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
