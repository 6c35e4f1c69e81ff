import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { type AppConfig, loadConfig } from '../../libs/config/src';
import { TEST_ADMIN_PASSWORD } from '../../test/support/test-admin';

export interface ApiOnly {
  baseUrl: string;
  adminPassword: string;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The api alone, in process, on a random port, against `databaseUrl` (the app role), configured
 * as test/support/stack.ts configures it but with no Temporal server and no worker: for benches
 * that only read. Its Temporal client keeps retrying in the background (a connection attempt
 * every 30 s at most); reads and deploys of diagrams without timer starts do not need it.
 */
export async function startApiOnly(databaseUrl: string): Promise<ApiOnly> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    // Nothing listens there: the api answers 503 to what needs Temporal, which the bench never asks.
    TEMPORAL_ADDRESS: '127.0.0.1:9',
    TEMPORAL_TASK_QUEUE: `carepath-bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    CAREPATH_DATA_KEY: randomBytes(32).toString('base64'),
    CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    LOGIN_RATE_LIMIT: '10000',
    LOGIN_ADDRESS_LIMIT: '10000',
    LOGIN_ACCOUNT_LIMIT: '10000',
    AUDIT_VERIFY_INTERVAL_SECONDS: '0',
    PORT: '0',
  });
  const api: INestApplication = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    adminPassword: TEST_ADMIN_PASSWORD,
    config,
    close: () => api.close(),
  };
}
