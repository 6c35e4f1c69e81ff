import { ConfigError, loadConfig } from './config';

const valid = { JWT_SECRET: 'x'.repeat(32), CAREPATH_DATA_KEY: Buffer.alloc(32, 1).toString('base64') };

describe('loadConfig', () => {
  it('applies documented defaults for the local stack', () => {
    const config = loadConfig(valid);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/carepath');
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'carepath',
    });
    expect(config.port).toBe(3000);
    expect(config.jwtTtlSeconds).toBe(1800);
  });

  it('reports every problem at once, one line each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        CAREPATH_DATA_KEY: 'short',
        TEMPORAL_TLS_CERT: '/c.pem',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_URL must start with postgres:// or postgresql://',
      'JWT_SECRET is required',
      'CAREPATH_DATA_KEY must be 32 bytes encoded in base64 (openssl rand -base64 32)',
      'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be given together',
      'PORT must be an integer from 0 to 65535, got "eighty"',
    ]);
  });

  it('migrates with DATABASE_URL unless DATABASE_MIGRATION_URL names the owner', () => {
    expect(loadConfig(valid)).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/carepath',
      migrationDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/carepath',
      auditVerifyIntervalSeconds: 3600,
    });
    const split = loadConfig({
      ...valid,
      DATABASE_URL: 'postgres://carepath_app@db/carepath',
      DATABASE_MIGRATION_URL: 'postgres://owner@db/carepath',
      AUDIT_VERIFY_INTERVAL_SECONDS: '0',
    });
    expect(split).toMatchObject({
      databaseUrl: 'postgres://carepath_app@db/carepath',
      migrationDatabaseUrl: 'postgres://owner@db/carepath',
      auditVerifyIntervalSeconds: 0,
    });
    expect(() =>
      loadConfig({ ...valid, DATABASE_MIGRATION_URL: 'mysql://x', AUDIT_VERIFY_INTERVAL_SECONDS: '-1' }),
    ).toThrow(
      'Invalid configuration: DATABASE_MIGRATION_URL must start with postgres:// or postgresql://; AUDIT_VERIFY_INTERVAL_SECONDS must be an integer from 0 to 604800, got "-1"',
    );
  });

  it('turns TLS on for Temporal Cloud API keys', () => {
    expect(loadConfig({ ...valid, TEMPORAL_API_KEY: 'k' }).temporal).toMatchObject({ apiKey: 'k', tls: {} });
  });

  it('leaves X-Forwarded-For untrusted unless TRUST_PROXY says which proxies to believe', () => {
    expect(loadConfig(valid).trustProxy).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
  });

  it('refuses TRUST_PROXY values that would trust anyone or are not addresses', () => {
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig({ ...valid, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ TRUST_PROXY: 'true' })).toEqual([
      expect.stringContaining('TRUST_PROXY=true would believe'),
    ]);
    expect(problems({ TRUST_PROXY: 'loopback,10.0.0.0/33,proxy.internal' })).toEqual([
      expect.stringContaining('"10.0.0.0/33", "proxy.internal" is none of these'),
    ]);
    expect(problems({ TRUST_PROXY: '99' })).toEqual([expect.stringContaining('hop count from 0 to 10')]);
  });

  it('has login limits per account and address, per address and per account', () => {
    expect(loadConfig(valid)).toMatchObject({
      loginRateLimit: 10,
      loginAddressLimit: 300,
      loginAccountLimit: 30,
    });
    expect(() => loadConfig({ ...valid, LOGIN_RATE_LIMIT: '50', LOGIN_ACCOUNT_LIMIT: '20' })).toThrow(
      'LOGIN_ACCOUNT_LIMIT and LOGIN_ADDRESS_LIMIT must be at least LOGIN_RATE_LIMIT',
    );
  });

  it('refuses a trivial CAREPATH_ADMIN_PASSWORD at boot, saying why', () => {
    expect(() => loadConfig({ ...valid, CAREPATH_ADMIN_PASSWORD: 'aaaaaaaaaaaaaaaa' })).toThrow(
      'CAREPATH_ADMIN_PASSWORD must use at least 5 different characters',
    );
    expect(() => loadConfig({ ...valid, CAREPATH_ADMIN_PASSWORD: 'my-admin-secret-2026' })).toThrow(
      'CAREPATH_ADMIN_PASSWORD must not contain the username',
    );
    expect(() => loadConfig({ ...valid, CAREPATH_ADMIN_PASSWORD: 'Password2026!' })).toThrow(
      'CAREPATH_ADMIN_PASSWORD is too common',
    );
    expect(loadConfig({ ...valid, CAREPATH_ADMIN_PASSWORD: 'carepath-Xq3vT9pLmW2z' }).adminPassword).toBe(
      'carepath-Xq3vT9pLmW2z',
    );
  });
});
