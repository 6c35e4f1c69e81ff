import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { buildWorld, call, deploySingleTask, unique, type World } from '../support/api-client';
import { createMigratedDatabase, type TestDatabase } from '../support/databases';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/*
 * A database of this file's own: the sweep verifies every case in its database, and the other
 * files' cases (signed with their stacks' keys) are none of its business.
 */
let database: TestDatabase;
let stack: Stack;
let world: World;
const errors: string[] = [];
const workerLogger: LoggerService = {
  log: () => undefined,
  warn: () => undefined,
  error: (message: unknown) => void errors.push(String(message)),
};

beforeAll(async () => {
  database = await createMigratedDatabase('carepath_audit');
  stack = await startStack(
    { DATABASE_URL: database.appUrl, AUDIT_VERIFY_INTERVAL_SECONDS: '1' },
    { workerLogger },
  );
  world = await buildWorld(stack);
  await deploySingleTask(stack, world.adminToken);
});
afterAll(async () => {
  await stack?.close();
  await database?.drop();
});

const startCase = async (concern: string): Promise<string> => {
  const started = await call(stack.baseUrl, 'POST', '/api/instances', {
    token: world.psychA.token,
    body: { definitionKey: 'initial-assessment', orgUnitId: world.units.classA, variables: { concern } },
  });
  expect(started.status).toBe(201);
  return started.body.id as string;
};

/** A superuser deleting the newest audit entry of a case, with the append-only trigger off. */
const cutTail = async (instanceId: string): Promise<void> => {
  const owner = new Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query('SET LOCAL session_replication_role = replica');
    await owner.query(
      `DELETE FROM audit_event WHERE instance_id = $1 AND seq = (SELECT max(seq) FROM audit_event WHERE instance_id = $1)`,
      [instanceId],
    );
    await owner.query('COMMIT');
  } finally {
    await owner.end();
  }
};

const verify = (instanceId: string, token: string) =>
  call(stack.baseUrl, 'GET', `/api/instances/${instanceId}/history/verify`, { token });

const brokenChainNotifications = async (instanceId: string) => {
  const list = await call(stack.baseUrl, 'GET', '/api/notifications?limit=500', { token: world.adminToken });
  return (list.body.items as { kind: string; instanceId: string; title: string }[]).filter(
    (n) => n.kind === 'audit.chain-broken' && n.instanceId === instanceId,
  );
};

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('audit chains: verified on request and on a schedule, against a signed head', () => {
  it('lets supervisors verify a case’s chain, and reports a tail cut by a superuser', async () => {
    const id = await startCase(`c-${unique()}`);
    const intact = await verify(id, world.adminToken);
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ instanceId: id, valid: true, problems: [] });
    expect(intact.body.head.seq).toBe(intact.body.entries);
    expect(intact.body.entries).toBeGreaterThan(3);

    // a psychology teacher sees the case but does not supervise it; another school does not see it
    expect((await verify(id, world.psychA.token)).status).toBe(403);
    expect((await verify(id, world.psychB.token)).status).toBe(404);
    expect(
      (await call(stack.baseUrl, 'GET', '/api/instances/nope/history/verify', { token: world.adminToken }))
        .status,
    ).toBe(400);

    await cutTail(id);
    const cut = await verify(id, world.adminToken);
    expect(cut.body).toMatchObject({
      valid: false,
      entries: intact.body.entries - 1,
      problems: [{ kind: 'head-mismatch', seq: intact.body.entries - 1 }],
    });
  });

  it('raises an alert for a broken chain, naming the case and nothing of its content; intact cases raise none', async () => {
    // given two cases, one of which a superuser tampers with
    const concern = `c-${unique()}-hidden`;
    const intact = await startCase(concern);
    const tampered = await startCase(concern);
    await cutTail(tampered);

    // then the sweep logs an error line naming the case and notifies the admin, once
    const [notification] = await waitFor(async () => {
      const found = await brokenChainNotifications(tampered);
      return found.length > 0 ? found : undefined;
    }, 'the broken-chain notification');
    expect(notification!.title).toBe(`Audit chain of case ${tampered} failed verification`);
    expect(
      errors.some((line) =>
        line.includes(`Audit chain of case ${tampered} failed verification: head-mismatch`),
      ),
    ).toBe(true);
    expect(errors.join('\n')).not.toContain(concern);

    // after a few more sweeps: still one notification, and none about the intact case
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await brokenChainNotifications(tampered)).toHaveLength(1);
    expect(await brokenChainNotifications(intact)).toEqual([]);
    expect(errors.some((line) => line.includes(intact))).toBe(false);
  });
});
