import { Client } from 'pg';
import { CompilePool } from '../../apps/api/src/definitions/compile-pool';
import { MAX_EXPRESSION_LENGTH } from '../../libs/bpmn/src';
import { buildWorld, call, deploySingleTask, unique, type World } from '../support/api-client';
import { diagram, escape } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/** Short, so the tests of a case that never answers stay quick; the default is 10 s. */
const ANSWER_TIMEOUT_MS = 3000;

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ CASE_UPDATE_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS) });
  world = await buildWorld(stack);
  await deploySingleTask(stack, world.adminToken);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  call(stack.baseUrl, method, path, {
    token,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });

const startCase = (variables: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  api('POST', '/api/instances', world.psychA.token, {
    definitionKey: 'initial-assessment',
    orgUnitId: world.units.classA,
    variables,
    ...extra,
  });

async function openTaskOf(instanceId: string): Promise<string> {
  const tasks = await api('GET', `/api/tasks?instanceId=${instanceId}&state=open`, world.psychA.token);
  const id = tasks.body.items[0]?.id as string | undefined;
  if (!id) throw new Error(`case ${instanceId} has no open task: ${JSON.stringify(tasks.body)}`);
  return id;
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();
  try {
    return (await pg.query(text, values)).rows as T[];
  } finally {
    await pg.end();
  }
}

const caseCount = async (): Promise<number> =>
  (
    await sql<{ n: number }>('SELECT count(*)::int AS n FROM process_instance WHERE org_unit_id = $1', [
      world.units.classA,
    ])
  )[0]!.n;

describe('NUL characters are refused at the edge, naming the field', () => {
  it('refuses NUL in a start variable (value or name) and leaves no case behind', async () => {
    const before = await caseCount();
    const inValue = await startCase({ source: 'teacher', note: 'a\u0000b' });
    expect(inValue.status).toBe(400);
    expect(inValue.contentType).toContain('application/problem+json');
    expect(inValue.body.errors).toEqual([
      { path: 'variables.note', message: expect.stringContaining('NUL') },
    ]);
    const nested = await startCase({ form: { answers: ['ok', 'x\u0000'] } });
    expect(nested.body.errors[0].path).toBe('variables.form.answers.1');
    const inName = await startCase({ 'bad\u0000name': 1 });
    expect(inName.status).toBe(400);
    expect(inName.body.errors[0].path).toBe('variables.bad\\u0000name');
    expect(await caseCount()).toBe(before);
  });

  it('refuses NUL in a completion and keeps the task open', async () => {
    const started = await startCase({ source: 'teacher' });
    const taskId = await openTaskOf(started.body.id);
    const completed = await api('POST', `/api/tasks/${taskId}/complete`, world.psychA.token, {
      variables: { note: 'a\u0000b' },
    });
    expect(completed.status).toBe(400);
    expect(completed.body.errors).toEqual([
      { path: 'variables.note', message: expect.stringContaining('NUL') },
    ]);
    expect((await api('GET', `/api/tasks/${taskId}`, world.psychA.token)).body.state).toBe('open');
    expect(
      (await api('GET', `/api/instances/${started.body.id}`, world.psychA.token)).body.openIncidents,
    ).toBe(0);
  });

  it('refuses NUL in messages, incident retries, names and query strings', async () => {
    const probes: [string, string, unknown, string][] = [
      [
        'POST',
        '/api/messages',
        { name: 'm', correlationKey: 'k', variables: { note: '\u0000' } },
        'variables.note',
      ],
      [
        'POST',
        `/api/incidents/${crypto.randomUUID()}/retry`,
        { variables: { note: '\u0000' } },
        'variables.note',
      ],
      [
        'POST',
        '/api/org-units',
        { parentId: world.units.schoolA, kind: 'class', code: `n-${unique()}`, name: 'A\u0000' },
        'name',
      ],
      [
        'POST',
        '/api/users',
        { username: `u-${unique()}`, password: 'a-long-password-1', displayName: 'Li\u0000', roles: [] },
        'displayName',
      ],
      [
        'POST',
        '/api/students',
        { orgUnitId: world.units.classA, studentNo: 'S\u00001', name: 'x' },
        'studentNo',
      ],
      ['GET', '/api/instances?definitionKey=a%00b', undefined, 'definitionKey'],
    ];
    for (const [method, path, body, field] of probes) {
      const response = await api(method, path, world.adminToken, body);
      expect([path, response.status, response.body.errors?.[0]?.path]).toEqual([path, 400, field]);
    }
  });

  it('refuses NUL in an uploaded diagram, also as a character reference', async () => {
    const xml = diagram(
      `nul-${unique()}`,
      '<bpmn:startEvent id="start" name="a&#0;b" /><bpmn:endEvent id="end" />',
      { flows: ['<bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />'] },
    );
    const form = new FormData();
    form.append('file', new Blob([xml], { type: 'application/xml' }), 'nul.bpmn');
    const response = await fetch(`${stack.baseUrl}/api/definitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.adminToken}` },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('NUL');
  });
});

describe('FEEL built-ins are not shadowed by case variables', () => {
  it('runs the diagram’s own now() + duration() and count() with variables of those names', async () => {
    // given a diagram whose condition and due date call built-ins
    const key = `builtins-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="which" default="to-other" />
      <bpmn:userTask id="review" name="Review">
        <bpmn:extensionElements>
          <zeebe:assignmentDefinition candidateGroups="psychTeacher" />
          <zeebe:taskSchedule dueDate="${escape('=now() + duration("P1D")')}" />
        </bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:endEvent id="done" /><bpmn:endEvent id="other" />`,
      {
        flows: [
          '<bpmn:sequenceFlow id="in" sourceRef="start" targetRef="which" />',
          `<bpmn:sequenceFlow id="to-review" sourceRef="which" targetRef="review"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${escape('=count > 1 and count([1, 2]) = 2 and string(count) = "2"')}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
          '<bpmn:sequenceFlow id="to-other" sourceRef="which" targetRef="other" />',
          '<bpmn:sequenceFlow id="out" sourceRef="review" targetRef="done" />',
        ],
      },
    );
    expect((await api('POST', '/api/definitions', world.adminToken, { xml })).status).toBe(201);
    // when a case starts with variables named like those built-ins
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
      variables: { count: 2, duration: 'two weeks', string: 'x', date: null },
    });
    // then the diagram runs as drawn: no incident, the task due a day later
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ openIncidents: 0, activeElements: [{ elementId: 'review' }] });
    const task = await api('GET', `/api/tasks/${await openTaskOf(started.body.id)}`, world.psychA.token);
    expect(Date.parse(task.body.dueAt) - Date.parse(task.body.createdAt)).toBe(24 * 3600 * 1000);
    expect(task.body.variables).toMatchObject({ count: 2, duration: 'two weeks' });
  });
});

describe('diagrams are checked off the request thread, within bounds', () => {
  /** A valid FEEL context literal just under the length limit: slow to parse (~0.3 s each). */
  const slowExpression = (): string => {
    let source = '={';
    for (let i = 0; source.length < MAX_EXPRESSION_LENGTH - 20; i++) source += `k${i}: ${i}, `;
    return `${source}end: 0}`;
  };
  const heavyDiagram = (key: string, inputs: number): string => {
    const mappings = Array.from(
      { length: inputs },
      (_, i) => `<zeebe:input source="${slowExpression()}" target="v${i}" />`,
    ).join('');
    return diagram(
      key,
      `<bpmn:startEvent id="start" />
      <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="psychTeacher" /><zeebe:ioMapping>${mappings}</zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="done" />`,
      {
        flows: [
          '<bpmn:sequenceFlow id="in" sourceRef="start" targetRef="review" />',
          '<bpmn:sequenceFlow id="out" sourceRef="review" targetRef="done" />',
        ],
      },
    );
  };

  it('refuses an oversized expression with 400 naming its element', async () => {
    const condition = `=${Array.from({ length: 40_000 }, (_, i) => `a${i}`).join(' or ')}`;
    const xml = diagram(
      `huge-${unique()}`,
      '<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="which" default="plain" /><bpmn:endEvent id="end" />',
      {
        flows: [
          '<bpmn:sequenceFlow id="in" sourceRef="start" targetRef="which" />',
          `<bpmn:sequenceFlow id="huge" sourceRef="which" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
          '<bpmn:sequenceFlow id="plain" sourceRef="which" targetRef="end" />',
        ],
      },
    );
    const started = performance.now();
    const response = await api('POST', '/api/definitions', world.adminToken, { xml });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        elementId: 'huge',
        elementType: 'bpmn:SequenceFlow',
        code: 'expression.tooLong',
        params: expect.objectContaining({ max: MAX_EXPRESSION_LENGTH }),
        message: expect.stringContaining(`Expected at most ${MAX_EXPRESSION_LENGTH} characters`),
      },
    ]);
  });

  it('keeps /api/health fast while a slow diagram is being checked', async () => {
    // given a deploy that keeps a compile thread busy for a while
    const deployStarted = performance.now();
    let deployEnded: number | undefined;
    const deploying = api('POST', '/api/definitions', world.adminToken, {
      xml: heavyDiagram(`heavy-${unique()}`, 16),
    }).finally(() => (deployEnded = performance.now()));
    // when health is asked meanwhile
    const latencies: number[] = [];
    while (deployEnded === undefined) {
      const asked = performance.now();
      const health = await call(stack.baseUrl, 'GET', '/api/health');
      if (deployEnded === undefined) latencies.push(performance.now() - asked);
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // then the deploy was slow, and health never waited for it
    expect((await deploying).status).toBe(201);
    expect(deployEnded - deployStarted).toBeGreaterThan(750);
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThan(500);
  });

  it('counts only the compilation against the limit, not a new thread loading the compiler', async () => {
    // loading the compiler from the sources takes far longer than 50 ms; compiling this does not
    const pool = new CompilePool(1, 50);
    const loaded = performance.now();
    const result = await pool.compile(heavyDiagram('small', 0));
    expect(result.ok).toBe(true);
    expect(performance.now() - loaded).toBeGreaterThan(50);
  });

  it('stops a compilation that takes too long and answers 422', async () => {
    const pool = new CompilePool(1, 300);
    await expect(pool.compile(heavyDiagram('too-slow', 12))).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('took longer than 0.3 s'),
    });
    // the pool goes on with a fresh thread
    const next = await pool.compile(heavyDiagram('quick', 0));
    expect(next.ok).toBe(true);
  });
});

describe('malformed or out-of-range input is a 4xx naming the field', () => {
  it('refuses malformed list cursors with 400 naming cursor', async () => {
    const cursors = [
      'garbage!',
      Buffer.from('x|y').toString('base64url'),
      Buffer.from('2024-01-01T00:00:00.000Z|not-a-uuid').toString('base64url'),
      Buffer.from(`Mon Jan 01 2024|${crypto.randomUUID()}`).toString('base64url'),
    ];
    for (const list of ['instances', 'tasks', 'incidents', 'definitions', 'notifications']) {
      for (const cursor of cursors) {
        const response = await api('GET', `/api/${list}?cursor=${cursor}`, world.psychA.token);
        expect([list, response.status, response.body.errors]).toEqual([
          list,
          400,
          [{ path: 'cursor', message: expect.any(String) }],
        ]);
      }
    }
    const started = await startCase({ source: 'teacher' });
    const history = await api(
      'GET',
      `/api/instances/${started.body.id}/history?cursor=1e12`,
      world.psychA.token,
    );
    expect(history.status).toBe(400);
    expect(history.body.detail).toContain('cursor');
  });

  it('refuses a version out of range with 400 naming version', async () => {
    for (const version of [1e12, -1, 0, 1.5]) {
      const response = await startCase({}, { version });
      expect([version, response.status]).toEqual([version, 400]);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('version');
    }
  });

  it('refuses variables nested deeper than 32 levels', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const response = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      rawBody: `{"definitionKey":"initial-assessment","orgUnitId":"${world.units.classA}","variables":${deep}}`,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: expect.stringMatching(/^variables\.a\.a/), message: expect.stringContaining('32 levels') },
    ]);
  });

  it('refuses a 2.5 MB variable with 413 naming the variable and the limit', async () => {
    const huge = 'x'.repeat(2.5 * 1024 * 1024);
    const started = await startCase({ note: huge });
    expect(started.status).toBe(413);
    expect(started.body.detail).toContain('at most 256 KiB');
    expect(started.body.errors).toEqual([
      { path: 'variables.note', message: expect.stringContaining('256 KiB') },
    ]);
    const published = await api('POST', '/api/messages', world.psychA.token, {
      name: 'm',
      correlationKey: 'k',
      variables: { note: huge },
    });
    expect(published.status).toBe(413);
    const tooLarge = await startCase({ note: 'x'.repeat(3.5 * 1024 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toContain('3 MiB');
  });

  it('refuses a completion that would take the case past 1 MiB of variables, and keeps the task open', async () => {
    // given a case holding 750 KB of variables
    const chunk = 'x'.repeat(250 * 1024);
    const started = await startCase({ a: chunk, b: chunk, c: chunk });
    expect(started.status).toBe(201);
    const taskId = await openTaskOf(started.body.id);
    // when a completion adds 300 KB more
    const completed = await api('POST', `/api/tasks/${taskId}/complete`, world.psychA.token, {
      variables: { d: chunk, e: 'y'.repeat(50 * 1024) },
    });
    // then
    expect(completed.status).toBe(413);
    expect(completed.body.detail).toContain('at most 1024 KiB');
    expect(completed.body.errors).toEqual([
      { path: 'variables', message: expect.stringContaining('1024 KiB') },
    ]);
    expect((await api('GET', `/api/tasks/${taskId}`, world.psychA.token)).body.state).toBe('open');
    // while replacing a variable with one of the same size still fits
    const replaced = await api('POST', `/api/tasks/${taskId}/complete`, world.psychA.token, {
      variables: { a: chunk },
    });
    expect(replaced.status).toBe(200);
  });
});

describe('a case that never answers does not hang the request', () => {
  let workerStopped = false;
  afterAll(async () => {
    if (workerStopped) await stack.startWorker();
  });

  it('answers within the deadline: 202 for a started case, 504 for a completion or a cancellation', async () => {
    // given two cases with open tasks, then the worker stops
    const first = await startCase({ source: 'teacher' });
    const taskId = await openTaskOf(first.body.id);
    const toCancel = await startCase({ source: 'teacher' });
    await stack.stopWorker();
    workerStopped = true;
    const within = async <T>(send: () => Promise<T>): Promise<T> => {
      const sent = performance.now();
      const answer = await send();
      expect(performance.now() - sent).toBeLessThan(ANSWER_TIMEOUT_MS + 3000);
      return answer;
    };

    // when a case is started: its workflow starts, its first step cannot be written
    const started = await within(() => startCase({ source: 'teacher' }));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), state: 'active', activeElements: [] });

    // when a task is completed
    const completed = await within(() =>
      api(
        'POST',
        `/api/tasks/${taskId}/complete`,
        world.psychA.token,
        { variables: { riskLevel: 'low' } },
        {
          'idempotency-key': 'unanswered-1',
        },
      ),
    );
    expect(completed.status).toBe(504);
    expect(completed.contentType).toContain('application/problem+json');
    expect(completed.body.detail).toContain('same Idempotency-Key');
    expect((await api('GET', `/api/tasks/${taskId}`, world.psychA.token)).body.state).toBe('open');

    // when a case is cancelled
    const cancelled = await within(() =>
      api('POST', `/api/instances/${toCancel.body.id}/cancel`, world.adminToken, { reason: 'duplicate' }),
    );
    expect(cancelled.status).toBe(504);
    expect(cancelled.body.detail).toContain('did not answer within 3 s');
    expect((await api('GET', `/api/instances/${toCancel.body.id}`, world.adminToken)).body.state).toBe(
      'active',
    );

    // then, with the worker back, the started case goes on and the completion is applied once
    await stack.startWorker();
    workerStopped = false;
    const deadline = Date.now() + 60_000;
    let tasks = await api('GET', `/api/tasks?instanceId=${started.body.id}`, world.psychA.token);
    while (tasks.body.items.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      tasks = await api('GET', `/api/tasks?instanceId=${started.body.id}`, world.psychA.token);
    }
    expect(tasks.body.items).toEqual([expect.objectContaining({ elementId: 'assess-risk', state: 'open' })]);
    const again = await api(
      'POST',
      `/api/tasks/${taskId}/complete`,
      world.psychA.token,
      { variables: { riskLevel: 'low' } },
      { 'idempotency-key': 'unanswered-1' },
    );
    expect(again.status).toBe(200);
    expect(again.body.task.state).toBe('completed');
    const history = await api('GET', `/api/instances/${first.body.id}/history`, world.psychA.token);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'task.completed')).toHaveLength(1);
  });
});
