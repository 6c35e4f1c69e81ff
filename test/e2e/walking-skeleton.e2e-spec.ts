import { Client } from 'pg';
import { findBrokenLink } from '../../libs/persistence/src';
import { buildWorld, call, deploySingleTask, fixture, type World } from '../support/api-client';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

// One stack for the whole file: booting Temporal, the api and the worker is the slow part.
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

describe('walking skeleton: browser → api → Temporal → worker → PostgreSQL → api', () => {
  const startCase = async (token: string, orgUnitId: string) =>
    call(stack.baseUrl, 'POST', '/api/instances', {
      token,
      body: { definitionKey: 'initial-assessment', orgUnitId, variables: { source: 'screening' } },
    });

  it('reports Temporal and the database up without authentication', async () => {
    const health = await call(stack.baseUrl, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'up', temporal: 'up', database: 'up' });
  });

  it('runs start → user task → end: deploy, start, the task reaches only its candidates, complete, history', async () => {
    // given a deployed diagram
    const deployed = await deploySingleTask(stack, world.adminToken);
    expect(deployed).toMatchObject({ key: 'initial-assessment', version: expect.any(Number) });
    const again = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml: fixture('single-task.bpmn') },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(deployed.version);

    // when a case starts at class A
    const started = await startCase(world.psychA.token, world.units.classA);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      state: 'active',
      definitionKey: 'initial-assessment',
      orgPath: expect.stringMatching(/\/sa\/g7\/k2$/),
    });
    expect(started.body.activeElements).toEqual([{ elementId: 'assess-risk', since: expect.any(String) }]);

    // then the task is offered to school A's psychology teacher, and to nobody else
    const inbox = await call(stack.baseUrl, 'GET', '/api/tasks?candidate=me&state=open', {
      token: world.psychA.token,
    });
    const task = inbox.body.items.find((t: { instanceId: string }) => t.instanceId === started.body.id);
    expect(task).toMatchObject({
      elementId: 'assess-risk',
      name: 'Assess risk',
      candidateGroups: ['psychTeacher'],
      state: 'open',
      priority: 50,
    });
    expect(Date.parse(task.dueAt) - Date.parse(task.createdAt)).toBe(24 * 3600 * 1000);
    for (const other of [world.psychB, world.classTeacherA]) {
      const theirs = await call(stack.baseUrl, 'GET', '/api/tasks?candidate=me', { token: other.token });
      expect(theirs.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
    }

    // when the teacher completes it (twice with the same idempotency key)
    const completed = await call(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, {
      token: world.psychA.token,
      body: { variables: { riskLevel: 'low' } },
      headers: { 'idempotency-key': 'assess-1' },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.task.state).toBe('completed');
    expect(completed.body.instance).toMatchObject({
      state: 'completed',
      activeElements: [],
      variables: { source: 'screening', riskLevel: 'low' },
    });
    const retried = await call(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, {
      token: world.psychA.token,
      body: { variables: { riskLevel: 'low' } },
      headers: { 'idempotency-key': 'assess-1' },
    });
    expect(retried.status).toBe(200);
    const secondTime = await call(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, {
      token: world.psychA.token,
      body: {},
    });
    expect(secondTime.status).toBe(409);

    // then the history lists every step, hash-chained
    const history = await call(stack.baseUrl, 'GET', `/api/instances/${started.body.id}/history`, {
      token: world.psychA.token,
    });
    expect(history.status).toBe(200);
    const items = history.body.items as {
      seq: number;
      type: string;
      elementId: string | null;
      actor: string | null;
      at: string;
      data: Record<string, unknown>;
      hash: string;
      prevHash: string | null;
    }[];
    expect(items.map((e) => [e.type, e.elementId])).toEqual([
      ['instance.started', null],
      ['element.entered', 'concern-raised'],
      ['element.left', 'concern-raised'],
      ['element.entered', 'assess-risk'],
      ['task.opened', 'assess-risk'],
      ['task.completed', 'assess-risk'],
      ['element.left', 'assess-risk'],
      ['element.entered', 'assessed'],
      ['element.left', 'assessed'],
      ['instance.completed', null],
    ]);
    expect(items.find((e) => e.type === 'task.completed')?.actor).toBe(world.psychA.username);
    expect(items.map((e) => e.seq)).toEqual(items.map((_, i) => i + 1));
    const chain = items.map((e) => ({ ...e, instanceId: started.body.id }));
    expect(findBrokenLink(chain)).toBeNull();
    expect(findBrokenLink(chain.map((e, i) => (i === 3 ? { ...e, actor: 'mallory' } : e)))).toBe(4);
  });

  it('keeps school A’s case and task away from school B’s psychology teacher', async () => {
    await deploySingleTask(stack, world.adminToken);
    const started = await startCase(world.psychA.token, world.units.classA);
    const id = started.body.id as string;
    const tasks = await call(stack.baseUrl, 'GET', `/api/tasks?instanceId=${id}`, {
      token: world.psychA.token,
    });
    const taskId = tasks.body.items[0].id as string;
    const b = world.psychB.token;

    const list = await call(stack.baseUrl, 'GET', '/api/instances', { token: b });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await call(stack.baseUrl, 'GET', `/api/instances/${id}`, { token: b })).status).toBe(404);
    expect((await call(stack.baseUrl, 'GET', `/api/instances/${id}/history`, { token: b })).status).toBe(404);
    const bTasks = await call(stack.baseUrl, 'GET', '/api/tasks', { token: b });
    expect(bTasks.body.items.map((t: { id: string }) => t.id)).not.toContain(taskId);
    expect((await call(stack.baseUrl, 'GET', `/api/tasks/${taskId}`, { token: b })).status).toBe(404);
    const complete = await call(stack.baseUrl, 'POST', `/api/tasks/${taskId}/complete`, {
      token: b,
      body: {},
    });
    expect(complete.status).toBe(404);
    expect(complete.contentType).toContain('application/problem+json');
    // nor start a case in school A
    const startInA = await startCase(b, world.units.classA);
    expect(startInA.status).toBe(403);

    // while school A's teacher and the class teacher still see it
    expect(
      (await call(stack.baseUrl, 'GET', `/api/instances/${id}`, { token: world.psychA.token })).status,
    ).toBe(200);
    expect(
      (await call(stack.baseUrl, 'GET', `/api/instances/${id}`, { token: world.classTeacherA.token })).status,
    ).toBe(200);
    // and the task stays open
    const after = await call(stack.baseUrl, 'GET', `/api/tasks/${taskId}`, { token: world.psychA.token });
    expect(after.body.state).toBe('open');
  });

  it('answers 401 problem+json without a valid token', async () => {
    for (const path of ['/api/me', '/api/instances', '/api/tasks', '/api/definitions']) {
      const response = await call(stack.baseUrl, 'GET', path);
      expect(response.status).toBe(401);
      expect(response.contentType).toContain('application/problem+json');
    }
    const forged = await call(stack.baseUrl, 'GET', '/api/me', {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad',
    });
    expect(forged.status).toBe(401);
    const wrongPassword = await call(stack.baseUrl, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'nope' },
    });
    expect(wrongPassword.status).toBe(401);
  });

  it('answers 400 problem+json for malformed JSON and for unknown fields, naming the field', async () => {
    const malformed = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      rawBody: '{"definitionKey": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: expect.stringContaining('Malformed JSON'),
    });

    const unknown = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: { definitionKey: 'initial-assessment', orgUnitId: world.units.classA, sneaky: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([
      { path: 'sneaky', message: expect.stringContaining('should not exist') },
    ]);

    const badLogin = await call(stack.baseUrl, 'POST', '/api/auth/login', { body: { username: 'admin' } });
    expect(badLogin.status).toBe(400);
    expect(badLogin.body.errors.map((e: { path: string }) => e.path)).toContain('password');
  });

  it('shows the caller their roles at /api/me', async () => {
    const me = await call(stack.baseUrl, 'GET', '/api/me', { token: world.psychA.token });
    expect(me.body).toMatchObject({
      username: world.psychA.username,
      roles: [
        { role: 'psychTeacher', orgUnitId: world.units.schoolA, orgPath: expect.stringMatching(/\/sa$/) },
      ],
    });
  });

  it('publishes the OpenAPI document', async () => {
    const docs = await call(stack.baseUrl, 'GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/instances', '/api/tasks/{id}/complete']),
    );
  });
});

describe('directory: org units, users and students', () => {
  it('lists only the org units within the caller’s scope', async () => {
    const mine = await call(stack.baseUrl, 'GET', '/api/org-units', { token: world.psychB.token });
    const ids = mine.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([world.units.schoolB, world.units.classB]));
    expect(ids).not.toContain(world.units.schoolA);
    expect(ids).not.toContain(world.units.district);
  });

  it('lets only admins create users, and refuses a taken username with 409', async () => {
    const body = {
      username: world.psychA.username.toUpperCase(),
      password: 'another-long-password',
      displayName: 'x',
      roles: [],
    };
    expect((await call(stack.baseUrl, 'POST', '/api/users', { token: world.adminToken, body })).status).toBe(
      409,
    );
    const byTeacher = await call(stack.baseUrl, 'POST', '/api/users', {
      token: world.psychA.token,
      body: { ...body, username: `new-${Date.now()}` },
    });
    expect(byTeacher.status).toBe(403);
    const badRole = await call(stack.baseUrl, 'POST', '/api/users', {
      token: world.adminToken,
      body: {
        ...body,
        username: `new-${Date.now()}`,
        roles: [{ role: 'wizard', orgUnitId: world.units.classA }],
      },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].path).toBe('roles.0.role');
  });

  it('stores a student’s personal data encrypted, shows it in scope, and places their case at their class', async () => {
    const created = await call(stack.baseUrl, 'POST', '/api/students', {
      token: world.classTeacherA.token,
      body: { orgUnitId: world.units.classA, studentNo: 'S-001', name: '李小明', gender: 'male' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ studentNo: 'S-001', name: '李小明', orgUnitId: world.units.classA });
    const atGrade = await call(stack.baseUrl, 'POST', '/api/students', {
      token: world.adminToken,
      body: { orgUnitId: world.units.gradeA, studentNo: 'S-002', name: 'x' },
    });
    expect(atGrade.status).toBe(400);

    // at rest the name exists only as ciphertext
    const pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
    await pg.connect();
    const stored = await pg.query('SELECT * FROM student WHERE id = $1', [created.body.id]);
    await pg.end();
    expect(JSON.stringify(stored.rows[0])).not.toContain('李小明');
    expect(stored.rows[0].sensitive).toMatch(/^v1:/);

    const read = await call(stack.baseUrl, 'GET', `/api/students/${created.body.id}`, {
      token: world.psychA.token,
    });
    expect(read.body.name).toBe('李小明');
    expect(
      (await call(stack.baseUrl, 'GET', `/api/students/${created.body.id}`, { token: world.psychB.token }))
        .status,
    ).toBe(404);

    await deploySingleTask(stack, world.adminToken);
    const started = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: { definitionKey: 'initial-assessment', studentId: created.body.id },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ orgUnitId: world.units.classA, studentId: created.body.id });
    const unknownKey = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: { definitionKey: 'no-such-process', orgUnitId: world.units.classA },
    });
    expect(unknownKey.status).toBe(404);
  });
});
