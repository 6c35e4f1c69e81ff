import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { loadConfig } from '../../libs/config/src';
import { call, fixture } from '../support/api-client';
import { TEST_ADMIN_PASSWORD } from '../support/stack';

jest.setTimeout(60_000);

const baseEnv = () => ({
  DATABASE_URL: process.env.CAREPATH_TEST_DATABASE_URL!,
  // Nothing listens on port 1: Temporal is unreachable for this whole file.
  TEMPORAL_ADDRESS: '127.0.0.1:1',
  JWT_SECRET: randomBytes(32).toString('hex'),
  CAREPATH_DATA_KEY: randomBytes(32).toString('base64'),
  CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
  LOG_LEVEL: 'silent',
});

describe('the api without Temporal, and its limits', () => {
  let api: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    api = await createApiApp(loadConfig({ ...baseEnv(), LOGIN_RATE_LIMIT: '3' }));
    await api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('stays up and reports Temporal down in /api/health while it keeps retrying', async () => {
    const health = await call(baseUrl, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', temporal: 'down', database: 'up' });
  });

  it('answers 503 problem+json naming the address for work that needs Temporal', async () => {
    const token = (
      await call(baseUrl, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      })
    ).body.accessToken as string;
    const units = await call(baseUrl, 'GET', '/api/org-units', { token });
    const root = units.body.items.find((u: { kind: string }) => u.kind === 'root');
    const deployed = await call(baseUrl, 'POST', '/api/definitions', {
      token,
      body: { xml: fixture('single-task.bpmn') },
    });
    expect([200, 201]).toContain(deployed.status);
    const started = await call(baseUrl, 'POST', '/api/instances', {
      token,
      body: { definitionKey: 'initial-assessment', orgUnitId: root.id },
    });
    expect(started.status).toBe(503);
    expect(started.contentType).toContain('application/problem+json');
    expect(started.body.detail).toContain('127.0.0.1:1');
  });

  it('limits failed sign-ins per account and address with 429 problem+json and Retry-After', async () => {
    // LOGIN_RATE_LIMIT is 3 here; successful sign-ins (the admin's above) never count.
    const username = `nobody-${randomBytes(4).toString('hex')}`;
    const attempt = (name = username) =>
      fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, password: 'x' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another account from the same address is not held back.
    expect((await attempt(`${username}-other`)).status).toBe(401);
  });

  it('refuses to boot without PostgreSQL, naming the address it tried', async () => {
    await expect(
      createApiApp(loadConfig({ ...baseEnv(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/carepath' })),
    ).rejects.toThrow('Cannot reach PostgreSQL at 127.0.0.1:1/carepath');
  });
});
