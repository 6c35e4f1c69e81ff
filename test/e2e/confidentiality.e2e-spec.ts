import { Client as PgClient } from 'pg';
import {
  buildWorld,
  call,
  createPerson,
  eventually,
  openTaskOf,
  type Person,
  unique,
  type World,
} from '../support/api-client';
import { chain, diagram, message, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * The rest of R10, end to end on the real stack (docs/security.md, ADR 0024): who read a case,
 * listed for its supervisors; a legal hold that stops the purge until it is released; and
 * emergency access (break-glass) to one case outside one's scope that ends by itself.
 */
const BREAK_GLASS_SECONDS = 8;
let stack: Stack;
let world: World;
let pg: PgClient;
let principalA: Person;
let principalB: Person;
const key = `confidential-${unique()}`;

/** A case: assessment → seal → wait for the retention message → purge. */
const xml = diagram(
  key,
  `<bpmn:startEvent id="start" />
   ${userTask('assess', { groups: 'psychTeacher' })}
   <bpmn:serviceTask id="seal-file" name="封存档案"><bpmn:extensionElements><zeebe:taskDefinition type="seal-case" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:intermediateCatchEvent id="retention"><bpmn:messageEventDefinition messageRef="m-retention" /></bpmn:intermediateCatchEvent>
   <bpmn:serviceTask id="purge-file" name="消档"><bpmn:extensionElements><zeebe:taskDefinition type="purge-case" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end" />`,
  {
    roots: message('m-retention', 'retention-over', '=caseKey'),
    flows: chain('start', 'assess', 'seal-file', 'retention', 'purge-file', 'end'),
  },
);

beforeAll(async () => {
  stack = await startStack({ BREAK_GLASS_SECONDS: String(BREAK_GLASS_SECONDS) });
  world = await buildWorld(stack);
  principalA = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA, '甲校长');
  principalB = await createPerson(stack, world.adminToken, 'principal', world.units.schoolB, '乙校长');
  const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
    token: world.adminToken,
    body: { xml },
  });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  pg = new PgClient({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();
});
afterAll(async () => {
  await pg?.end();
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  call(stack.baseUrl, method, path, {
    token,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });

async function startCase(caseKey: string, concern: string): Promise<string> {
  const started = await api('POST', '/api/instances', world.psychA.token, {
    definitionKey: key,
    orgUnitId: world.units.classA,
    variables: { source: 'teacher', concern, caseKey },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.id as string;
}

async function chainTypes(id: string): Promise<string[]> {
  const { rows } = await pg.query(`SELECT type FROM audit_event WHERE instance_id = $1 ORDER BY seq`, [id]);
  return rows.map((row: { type: string }) => row.type);
}

describe('reads, legal hold and purge', () => {
  const concern = `concern-${unique()}: 她说不想活了`;
  const caseKey = `ck-${unique()}`;
  const why = `家长投诉复核-${unique()}`;
  const holdReason = `诉讼保全-${unique()}`;
  let id: string;
  let taskId: string;

  it('lists for the case’s supervisors a task read and a sealed read with its reason, newest first', async () => {
    id = await startCase(caseKey, concern);
    taskId = (await openTaskOf(stack, id, world.psychA.token)).id;
    expect((await api('GET', `/api/tasks/${taskId}`, world.psychA.token)).status).toBe(200);
    const done = await api('POST', `/api/tasks/${taskId}/complete`, world.psychA.token, {
      variables: { riskLevel: 'low' },
    });
    expect(done.status).toBe(200);
    await eventually(async () => {
      const { rows } = await pg.query(`SELECT sealed_at FROM process_instance WHERE id = $1`, [id]);
      return rows[0].sealed_at ? true : undefined;
    });
    const sealedRead = await api(
      'GET',
      `/api/instances/${id}?reason=${encodeURIComponent(why)}`,
      world.psychA.token,
    );
    expect(sealedRead.status).toBe(200);

    const reads = await api('GET', `/api/instances/${id}/reads`, principalA.token);
    expect(reads.status).toBe(200);
    const items = reads.body.items as {
      id: string;
      at: string;
      user: { id: string; displayName: string } | null;
      action: string;
      what: string;
      reason: string | null;
      via: string;
    }[];
    // the supervisor's own read of the list comes first: it is a read about the case too
    expect(items[0]).toMatchObject({
      action: 'instance.reads.read',
      user: { id: principalA.id },
      what: 'reads',
    });
    expect(items).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          at: expect.any(String),
          user: { id: world.psychA.id, displayName: 'psych-a' },
          action: 'case.sealed.read',
          what: 'case',
          reason: why,
          via: 'scope',
        },
        expect.objectContaining({
          action: 'task.read',
          what: 'task',
          user: expect.objectContaining({ id: world.psychA.id }),
        }),
        expect.objectContaining({ action: 'instance.start', reason: null }),
        expect.objectContaining({ action: 'task.complete', what: 'task' }),
      ]),
    );
    const ids = items.map((item) => Number(item.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    // paged: `before` the last item of a page gives the next one
    const first = await api('GET', `/api/instances/${id}/reads?limit=2`, principalA.token);
    expect(first.body.items).toHaveLength(2);
    const next = await api(
      'GET',
      `/api/instances/${id}/reads?limit=2&before=${first.body.nextBefore}`,
      principalA.token,
    );
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
  });

  it('refuses the reads list to staff in scope who do not supervise (403) and to other schools (404)', async () => {
    expect((await api('GET', `/api/instances/${id}/reads`, world.classTeacherA.token)).status).toBe(403);
    expect((await api('GET', `/api/instances/${id}/reads`, world.psychA.token)).status).toBe(403);
    expect((await api('GET', `/api/instances/${id}/reads`, world.psychB.token)).status).toBe(404);
    expect((await api('GET', `/api/instances/${id}/reads`, principalB.token)).status).toBe(404);
    const badLimit = await api('GET', `/api/instances/${id}/reads?limit=0`, principalA.token);
    expect(badLimit.status).toBe(400);
  });

  it('places a legal hold: reason required, supervisors in scope only, shown on the case', async () => {
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const refused = await api('POST', `/api/instances/${id}/legal-hold`, principalA.token, body, {
        'Accept-Language': 'zh-CN',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'reason', message: expect.stringContaining('理由') }]);
    }
    const english = await api('POST', `/api/instances/${id}/legal-hold`, principalA.token, {});
    expect(english.body.errors).toEqual([{ path: 'reason', message: expect.stringContaining('reason') }]);
    expect(
      (await api('POST', `/api/instances/${id}/legal-hold`, world.classTeacherA.token, { reason: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await api('POST', `/api/instances/${id}/legal-hold`, world.psychA.token, { reason: 'x' })).status,
    ).toBe(403);
    expect(
      (await api('POST', `/api/instances/${id}/legal-hold`, principalB.token, { reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await api('DELETE', `/api/instances/${id}/legal-hold`, principalB.token, { reason: 'x' })).status,
    ).toBe(404);

    const placed = await api('POST', `/api/instances/${id}/legal-hold`, principalA.token, {
      reason: holdReason,
    });
    expect(placed.status).toBe(204);
    const again = await api('POST', `/api/instances/${id}/legal-hold`, principalA.token, {
      reason: holdReason,
    });
    expect(again.status).toBe(409);

    const read = await api('GET', `/api/instances/${id}?reason=hold`, principalA.token);
    expect(read.body.legalHold).toEqual({
      since: expect.any(String),
      by: { id: principalA.id, displayName: '甲校长' },
    });
    // the reason: sealed in the chain, opened in the history for the case's staff
    const { rows } = await pg.query(
      `SELECT data FROM audit_event WHERE instance_id = $1 AND type = 'case.legalHold.placed'`,
      [id],
    );
    expect(rows[0].data.reason).toMatch(/^v2:[0-9a-f]{16}:/);
    const history = await api('GET', `/api/instances/${id}/history?reason=hold`, principalA.token);
    const entry = history.body.items.find((e: { type: string }) => e.type === 'case.legalHold.placed');
    expect(entry).toMatchObject({ actor: principalA.username, data: { reason: holdReason } });
  });

  it('does not purge a held case when its purge step runs: nothing destroyed, blocked once, chain verifies', async () => {
    const sent = await api('POST', '/api/messages', world.psychA.token, {
      name: 'retention-over',
      correlationKey: caseKey,
    });
    expect(sent.body.correlatedInstances).toEqual([id]);
    await eventually(async () => {
      const { rows } = await pg.query(`SELECT state FROM process_instance WHERE id = $1`, [id]);
      return rows[0].state === 'completed' ? true : undefined;
    }, 30_000);
    const types = await chainTypes(id);
    expect(types.filter((type) => type === 'case.purge.blocked')).toHaveLength(1);
    expect(types).not.toContain('case.purged');
    const { rows } = await pg.query(
      `SELECT i.purged_at, k.wrapped IS NOT NULL AS live FROM process_instance i JOIN case_key k ON k.instance_id = i.id WHERE i.id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ purged_at: null, live: true });
    const read = await api('GET', `/api/instances/${id}?reason=hold`, principalA.token);
    expect(read.body).toMatchObject({ purgedAt: null, variables: expect.objectContaining({ concern }) });
    const verify = await api('GET', `/api/instances/${id}/history/verify`, world.adminToken);
    expect(verify.body).toMatchObject({ valid: true, problems: [] });
  });

  it('purges at once when the hold is released, without anyone running the step again', async () => {
    expect((await api('DELETE', `/api/instances/${id}/legal-hold`, principalA.token, {})).status).toBe(400);
    const released = await api('DELETE', `/api/instances/${id}/legal-hold`, principalA.token, {
      reason: `诉讼结束-${unique()}`,
    });
    expect(released.status).toBe(204);
    const read = await api('GET', `/api/instances/${id}?reason=review`, principalA.token);
    expect(read.body).toMatchObject({ purgedAt: expect.any(String), variables: null, legalHold: null });
    const types = await chainTypes(id);
    expect(types.slice(-2)).toEqual(['case.legalHold.released', 'case.purged']);
    const verify = await api('GET', `/api/instances/${id}/history/verify`, world.adminToken);
    expect(verify.body).toMatchObject({ valid: true, problems: [] });
    expect(
      (await api('DELETE', `/api/instances/${id}/legal-hold`, principalA.token, { reason: 'x' })).status,
    ).toBe(409);
    expect(
      (await api('POST', `/api/instances/${id}/legal-hold`, principalA.token, { reason: 'x' })).status,
    ).toBe(409);
  });
});

describe('break-glass', () => {
  const concern = `concern-${unique()}: 自伤`;
  const reason = `转学生危机评估-${unique()}`;
  let id: string;
  let grantedUntil: string;

  it('refuses a request without a reason (400), from a class teacher (403), for an unknown id (404), in scope (409)', async () => {
    id = await startCase(`ck-${unique()}`, concern);
    expect((await api('GET', `/api/instances/${id}`, principalB.token)).status).toBe(404);
    const missing = await api('POST', `/api/instances/${id}/break-glass`, principalB.token, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect(
      (await api('POST', `/api/instances/${id}/break-glass`, world.classTeacherA.token, { reason })).status,
    ).toBe(403);
    expect(
      (await api('POST', `/api/instances/${id}/break-glass`, world.psychB.token, { reason })).status,
    ).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await api('POST', `/api/instances/${unknown}/break-glass`, principalB.token, { reason })).status,
    ).toBe(404);
    expect((await api('POST', `/api/instances/${id}/break-glass`, principalA.token, { reason })).status).toBe(
      409,
    );
  });

  it('lets another school’s principal read the case after a grant: read-only, in no list, every read logged', async () => {
    const granted = await api('POST', `/api/instances/${id}/break-glass`, principalB.token, { reason });
    expect(granted.status).toBe(201);
    grantedUntil = granted.body.grantedUntil;
    const lasts = Date.parse(grantedUntil) - Date.now();
    expect(lasts).toBeGreaterThan(0);
    expect(lasts).toBeLessThanOrEqual(BREAK_GLASS_SECONDS * 1000 + 1000);

    const read = await api('GET', `/api/instances/${id}`, principalB.token);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      breakGlassUntil: grantedUntil,
      variables: expect.objectContaining({ concern }),
    });
    expect((await api('GET', `/api/instances/${id}/history`, principalB.token)).status).toBe(200);
    // the compliance review is a read of the case too (倒查 by another district's supervisor)
    const review = await api('GET', `/api/instances/${id}/compliance`, principalB.token);
    expect([review.status, review.body.instanceId]).toEqual([200, id]);

    // no list shows it, nothing can be done with it, and the supervisors' tools stay closed
    const list = await api('GET', `/api/instances?definitionKey=${key}`, principalB.token);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const tasks = await api('GET', `/api/tasks?instanceId=${id}`, principalB.token);
    expect(tasks.body.items).toEqual([]);
    const task = await openTaskOf(stack, id, world.psychA.token);
    expect((await api('GET', `/api/tasks/${task.id}`, principalB.token)).status).toBe(404);
    expect((await api('POST', `/api/tasks/${task.id}/claim`, principalB.token)).status).toBe(404);
    expect((await api('POST', `/api/instances/${id}/cancel`, principalB.token, { reason: 'x' })).status).toBe(
      404,
    );
    expect((await api('GET', `/api/instances/${id}/reads`, principalB.token)).status).toBe(404);
    expect(
      (await api('POST', `/api/instances/${id}/legal-hold`, principalB.token, { reason: 'x' })).status,
    ).toBe(404);
  });

  it('ends by itself: after grantedUntil the case is a 404 again', async () => {
    await eventually(
      async () => {
        const read = await api('GET', `/api/instances/${id}`, principalB.token);
        return read.status === 404 ? true : undefined;
      },
      (BREAK_GLASS_SECONDS + 10) * 1000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(grantedUntil));
    expect((await api('GET', `/api/instances/${id}/history`, principalB.token)).status).toBe(404);
    expect((await api('GET', `/api/instances/${id}/compliance`, principalB.token)).status).toBe(404);
  });

  it('told the case’s supervisors, without the case’s content, and lists every read under the grant', async () => {
    const notices = await api('GET', '/api/notifications', principalA.token);
    const notice = notices.body.items.find(
      (n: { kind: string; instanceId: string }) => n.kind === 'case.breakGlass' && n.instanceId === id,
    );
    expect(notice.title).toContain('乙校长');
    expect(notice.title).toContain(grantedUntil);
    expect(notice.title).not.toContain('自伤');
    expect(notice.title).not.toContain(reason);
    // the requester is not told of their own grant
    const own = await api('GET', '/api/notifications', principalB.token);
    expect(own.body.items.filter((n: { instanceId: string }) => n.instanceId === id)).toEqual([]);

    const reads = await api('GET', `/api/instances/${id}/reads?limit=200`, principalA.token);
    const byB = reads.body.items.filter(
      (item: { user: { id: string } | null }) => item.user?.id === principalB.id,
    );
    expect(byB).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'case.breakGlass.granted',
          what: 'breakGlass',
          reason,
          via: 'breakGlass',
        }),
        expect.objectContaining({ action: 'instance.read', what: 'case', via: 'breakGlass' }),
        expect.objectContaining({ action: 'instance.history.read', what: 'history', via: 'breakGlass' }),
        expect.objectContaining({ action: 'instance.compliance.read', via: 'breakGlass' }),
      ]),
    );
    // and the chain holds the grant, its reason sealed
    const { rows } = await pg.query(
      `SELECT actor, data FROM audit_event WHERE instance_id = $1 AND type = 'case.breakGlass.granted'`,
      [id],
    );
    expect(rows).toEqual([
      {
        actor: principalB.username,
        data: expect.objectContaining({
          userId: principalB.id,
          grantedUntil,
          reason: expect.stringMatching(/^v2:/),
        }),
      },
    ]);
  });
});
