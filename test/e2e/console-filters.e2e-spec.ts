// The supervisor console's list filters (docs/api.md): the cases waiting at one element of a
// process (the diagram's "click an element"), a version's cases, the time a case last moved
// on, and the tasks held by one user; none of them reaches another school's cases.
import {
  buildWorld,
  call,
  callOk,
  createPerson,
  deploySingleTask,
  openTaskOf,
  type World,
} from '../support/api-client';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

describe('console filters: elementId, version, updatedAt, assigneeId', () => {
  let stack: Stack;
  let world: World;
  let principalA: Awaited<ReturnType<typeof createPerson>>;
  let caseA: string;
  let caseB: string;
  let taskA: string;
  let elementId: string;
  let version: number;

  beforeAll(async () => {
    stack = await startStack();
    world = await buildWorld(stack);
    principalA = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA, '王校长');
    const deployed = await deploySingleTask(stack, world.adminToken);
    version = deployed.version;
    const start = async (token: string, orgUnitId: string) =>
      (
        await callOk(stack.baseUrl, 'POST', '/api/instances', token, {
          definitionKey: deployed.key,
          orgUnitId,
          variables: { source: 'teacher' },
        })
      ).id as string;
    caseA = await start(world.psychA.token, world.units.classA);
    caseB = await start(world.psychB.token, world.units.schoolB);
    const task = await openTaskOf(stack, caseA, world.psychA.token);
    taskA = task.id;
    elementId = task.elementId;
    await openTaskOf(stack, caseB, world.psychB.token);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const list = (token: string, query: string) =>
    callOk<{ items: { id: string; updatedAt: string }[] }>(
      stack.baseUrl,
      'GET',
      `/api/instances?${query}`,
      token,
    );

  it('lists the cases waiting at an element, only within the caller’s scope', async () => {
    const waiting = await list(principalA.token, `elementId=${elementId}`);
    expect(waiting.items.map((i) => i.id)).toContain(caseA);
    expect(waiting.items.map((i) => i.id)).not.toContain(caseB);
    // school B's psychology teacher sees B's case there, never A's
    const other = await list(world.psychB.token, `elementId=${elementId}`);
    expect(other.items.map((i) => i.id)).toContain(caseB);
    expect(other.items.map((i) => i.id)).not.toContain(caseA);
    // nobody waits at an element the diagram does not have
    expect((await list(principalA.token, 'elementId=no-such-element')).items).toEqual([]);
  });

  it('narrows to a version and says when each case last moved on', async () => {
    const ofVersion = await list(principalA.token, `version=${version}`);
    expect(ofVersion.items.map((i) => i.id)).toContain(caseA);
    expect((await list(principalA.token, `version=${version + 1}`)).items).toEqual([]);
    const row = ofVersion.items.find((i) => i.id === caseA);
    expect(Number.isNaN(Date.parse(row?.updatedAt ?? ''))).toBe(false);
    expect(
      (await call(stack.baseUrl, 'GET', '/api/instances?version=0', { token: principalA.token })).status,
    ).toBe(400);
    expect(
      (await call(stack.baseUrl, 'GET', `/api/instances?elementId=`, { token: principalA.token })).status,
    ).toBe(400);
  });

  it('lists the tasks one user holds, within the caller’s scope', async () => {
    await callOk(stack.baseUrl, 'POST', `/api/tasks/${taskA}/assign`, principalA.token, {
      userId: world.classTeacherA.id,
    });
    const held = await callOk<{ items: { id: string }[] }>(
      stack.baseUrl,
      'GET',
      `/api/tasks?assigneeId=${world.classTeacherA.id}&state=open`,
      principalA.token,
    );
    expect(held.items.map((t) => t.id)).toEqual([taskA]);
    // another school's teacher asking for the same holder learns nothing
    const outside = await callOk<{ items: unknown[] }>(
      stack.baseUrl,
      'GET',
      `/api/tasks?assigneeId=${world.classTeacherA.id}`,
      world.psychB.token,
    );
    expect(outside.items).toEqual([]);
    expect(
      (await call(stack.baseUrl, 'GET', '/api/tasks?assigneeId=x', { token: principalA.token })).status,
    ).toBe(400);
  });
});
