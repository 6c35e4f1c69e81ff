import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { WorkerService } from '../../apps/worker/src/worker.service';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { type AppConfig, loadConfig, temporalDataConverter } from '../../libs/config/src';
import { temporalCliPath } from './temporal-cli';

import { TEST_ADMIN_PASSWORD } from './test-admin';

export { TEST_ADMIN_PASSWORD };

export interface Stack {
  baseUrl: string;
  adminPassword: string;
  config: AppConfig;
  temporal: TestWorkflowEnvironment;
  /** Stops the worker only (to test that a case survives it); startWorker brings it back. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Boots the real thing in-process: a Temporal dev server (the local CLI), the api on a random
 * port serving dist/web, and the worker, all against the run's throwaway PostgreSQL database,
 * connecting as the app role (as in production: it owns nothing). `env` overrides configuration
 * (e.g. DATABASE_URL for a database of the test's own); the audit sweep is off unless a test sets
 * AUDIT_VERIFY_INTERVAL_SECONDS. `workerLogger` receives the worker's log (silent by default).
 */
export async function startStack(
  env: Record<string, string> = {},
  options: { workerLogger?: LoggerService } = {},
): Promise<Stack> {
  const databaseUrl = process.env.CAREPATH_TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('CAREPATH_TEST_DATABASE_URL is not set: run through jest (global setup)');
  installTemporalRuntime((process.env.LOG_LEVEL as AppConfig['logLevel'] | undefined) ?? 'silent');
  const temporalPort = await freePort();
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: `carepath-test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    CAREPATH_DATA_KEY: randomBytes(32).toString('base64'),
    CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Tests sign in often from one address; test/e2e/login-limits.e2e-spec.ts tests the limits.
    LOGIN_RATE_LIMIT: '10000',
    LOGIN_ADDRESS_LIMIT: '10000',
    LOGIN_ACCOUNT_LIMIT: '10000',
    AUDIT_VERIFY_INTERVAL_SECONDS: '0',
    WEB_DIST_PATH: join(__dirname, '..', '..', 'dist', 'web'),
    PORT: '0',
    ...env,
  });
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      port: temporalPort,
      extraArgs: ['--log-level', 'error'],
    },
    client: { dataConverter: temporalDataConverter(config.dataKey) },
  });
  const api: INestApplication = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  let worker: INestApplicationContext | undefined;
  const startWorker = async (): Promise<void> => {
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: options.workerLogger ?? false,
    });
    await worker.init();
    await worker.get(WorkerService).ready();
  };
  const stopWorker = async (): Promise<void> => {
    await worker?.close();
    worker = undefined;
  };
  await startWorker();
  await waitForHealth(baseUrl);

  return {
    baseUrl,
    adminPassword: TEST_ADMIN_PASSWORD,
    config,
    temporal,
    startWorker,
    stopWorker,
    async close() {
      await stopWorker();
      await api.close();
      await temporal.teardown();
    },
  };
}

async function waitForHealth(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/health`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The api at ${baseUrl} did not report healthy within 30 s`);
}
