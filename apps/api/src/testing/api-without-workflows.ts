import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../../libs/config/src';
import { createApiApp } from '../create-api-app';

export interface ApiHarness {
  baseUrl: string;
  db: DataSource;
  /** Its CAREPATH_DATA_KEY: cases a test writes must use it, or their case keys do not open. */
  dataKey: Buffer;
  /** A bearer token for a user (as if they had logged in). */
  tokenFor(userId: string): string;
  // Responses are checked by the tests' assertions, not by types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(
    method: string,
    path: string,
    options?: { as?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The api booted against the run's PostgreSQL with no Temporal server behind it: for testing
 * everything a request decides before it reaches a workflow (validation, scope, roles, reads).
 * A request that does reach Temporal answers 503. `env` overrides the configuration.
 */
export async function startApiWithoutWorkflows(env: Record<string, string> = {}): Promise<ApiHarness> {
  const databaseUrl = process.env.CAREPATH_TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('CAREPATH_TEST_DATABASE_URL is not set: run through jest (global setup)');
  const jwtSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    // Nothing listens on port 1: the api keeps answering, Temporal routes say 503.
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    JWT_SECRET: jwtSecret,
    CAREPATH_DATA_KEY: randomBytes(32).toString('base64'),
    // Only used when this run's database has no user yet; these tests sign tokens instead.
    CAREPATH_ADMIN_PASSWORD: randomBytes(18).toString('base64'),
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...env,
  });
  const app: INestApplication = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const jwt = new JwtService({ secret: jwtSecret, signOptions: { expiresIn: 600 } });
  const tokenFor = (userId: string) => jwt.sign({ sub: userId });
  return {
    baseUrl,
    db: app.get(DataSource),
    dataKey: config.dataKey,
    tokenFor,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.as) headers.authorization = `Bearer ${tokenFor(options.as)}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
    },
  };
}
