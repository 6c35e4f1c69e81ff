import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorld, call, fixture, unique, type World } from '../support/api-client';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/** Deploying diagrams over HTTP: every class of invalid diagram, and one drawn in Camunda Modeler. */
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

const INVALID = readdirSync(join(__dirname, '..', 'fixtures', 'invalid')).filter((name) =>
  name.endsWith('.bpmn'),
);

/** Each invalid fixture names its wrong element in its header comment. */
function wrongElementOf(xml: string): string {
  const named = /Wrong element: ([A-Za-z0-9_-]+)/.exec(xml)?.[1];
  if (!named) throw new Error('fixture without "Wrong element:" in its header');
  return named;
}

describe('POST /api/definitions with an invalid diagram', () => {
  it.each(INVALID)('answers 400 problem+json naming the element for invalid/%s', async (name) => {
    // given
    const xml = fixture(join('invalid', name));
    // when
    const response = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml },
    });
    // then
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    const problems = response.body.errors as { elementId: string; message: string }[];
    expect(problems.map((problem) => problem.elementId)).toContain(wrongElementOf(xml));
    for (const problem of problems) expect(problem.message).toMatch(/^Expected/);
  });
});

describe('a diagram drawn in Camunda Modeler for Camunda 8', () => {
  it('deploys unchanged and runs to its end: tasks, service task, timer boundary, message, script', async () => {
    // given
    const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml: fixture('camunda-modeler/care-pathway.bpmn') },
    });
    expect([200, 201]).toContain(deployed.status);
    expect(deployed.body).toMatchObject({ key: 'student-crisis-pathway', warnings: [] });
    const caseKey = `case-${unique()}`;

    // when a case starts and is driven as the diagram says
    const started = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: {
        definitionKey: 'student-crisis-pathway',
        orgUnitId: world.units.classA,
        variables: { caseKey },
      },
    });
    expect(started.status).toBe(201);
    const complete = async (elementId: string, variables: Record<string, unknown>) => {
      const tasks = await call(stack.baseUrl, 'GET', `/api/tasks?instanceId=${started.body.id}&state=open`, {
        token: world.psychA.token,
      });
      const task = tasks.body.items.find((open: { elementId: string }) => open.elementId === elementId);
      expect(task).toBeDefined();
      const done = await call(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, {
        token: world.psychA.token,
        body: { variables },
      });
      expect(done.status).toBe(200);
    };
    await complete('Activity_0abc123', { riskLevel: 'high' });
    await complete('Activity_1pln4gh', {});
    const instanceOf = async () =>
      (await call(stack.baseUrl, 'GET', `/api/instances/${started.body.id}`, { token: world.adminToken }))
        .body;
    for (let attempt = 0; attempt < 100 && !(await instanceOf()).variables.staffAlerted; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const acknowledged = await call(stack.baseUrl, 'POST', '/api/messages', {
      token: world.adminToken,
      body: {
        name: 'guardian-acknowledged',
        correlationKey: caseKey,
        variables: { acknowledgedAt: '2026-11-22' },
      },
    });

    // then the message reached this case and the pathway closed with its summary
    expect(acknowledged.body.correlatedInstances).toEqual([started.body.id]);
    const done = await instanceOf();
    expect(done.state).toBe('completed');
    expect(done.variables.pathwaySummary).toEqual({
      risk: 'high',
      staffAlerted: true,
      // the catch event's output mapping records when the message came
      acknowledgedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(done.incidents).toEqual([]);
  });
});
