import { createHash, randomUUID } from 'node:crypto';
import {
  buildWorld,
  call,
  createPerson,
  deploySingleTask,
  eventually,
  openTaskOf,
  type Person,
  unique,
  type World,
} from '../support/api-client';
import { diagram, flow, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * The supervisor console's bulk actions (per-item results, each item through the single action's
 * checks), the notices a reassignment sends, and what the audit chain records of who started a
 * case, who took and completed a task with what, and what an incident retry changed.
 */
let stack: Stack;
let world: World;
let leadA: Person;
let psychA2: Person;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  await deploySingleTask(stack, world.adminToken);
  leadA = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
  psychA2 = await createPerson(stack, world.adminToken, 'psychTeacher', world.units.schoolA);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(stack.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });

async function startCase(person: Person, orgUnitId: string, variables: Record<string, unknown> = {}) {
  const started = await api('POST', '/api/instances', person.token, {
    definitionKey: 'initial-assessment',
    orgUnitId,
    variables: { source: `s-${unique()}`, ...variables },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const instanceId = started.body.id as string;
  const task = await openTaskOf(stack, instanceId, person.token);
  return { instanceId, taskId: task.id };
}

/** SHA-256 (hex) of a canonical JSON text written out by hand, so the writer's own code is not the judge. */
const sha256 = (json: string): string => createHash('sha256').update(json).digest('hex');

const history = async (instanceId: string): Promise<any[]> =>
  (await api('GET', `/api/instances/${instanceId}/history?limit=500`, world.adminToken)).body.items;

const verify = async (instanceId: string) =>
  (await api('GET', `/api/instances/${instanceId}/history/verify`, world.adminToken)).body;

const notices = async (person: Person, taskId: string): Promise<any[]> =>
  ((await api('GET', '/api/notifications?limit=500', person.token)).body.items as any[]).filter(
    (notice) => notice.taskId === taskId,
  );

/** A case stopped by an incident at its gateway (no `score`), started with `notes` (sealed). */
async function caseWithIncident(person: Person, orgUnitId: string, key: string) {
  const started = await api('POST', '/api/instances', person.token, {
    definitionKey: key,
    orgUnitId,
    variables: { notes: 'first' },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const instanceId = started.body.id as string;
  const incidentId = await eventually(async () => {
    const listed = await api('GET', `/api/incidents?instanceId=${instanceId}`, world.adminToken);
    return (listed.body.items[0]?.id as string | undefined) ?? undefined;
  });
  return { instanceId, incidentId };
}

async function deployGateway(): Promise<string> {
  const key = `bulk-gateway-${unique()}`;
  const deployed = await api('POST', '/api/definitions', world.adminToken, {
    xml: diagram(
      key,
      `<bpmn:startEvent id="start" />
         <bpmn:exclusiveGateway id="risk" default="risk-low" />
         ${userTask('urgent', { groups: 'psychTeacher' })}
         ${userTask('routine', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end-a" /><bpmn:endEvent id="end-b" />`,
      {
        flows: [
          flow('start', 'risk'),
          flow('risk', 'urgent', { condition: '=score > 7' }),
          flow('risk', 'routine', { id: 'risk-low' }),
          flow('urgent', 'end-a'),
          flow('routine', 'end-b'),
        ],
      },
    ),
  });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  return key;
}

describe('audit completeness', () => {
  it('records who started a case, that completing an unclaimed task claimed it, and what was submitted as keys and a hash', async () => {
    // given a case started by a psychology teacher
    const { instanceId, taskId } = await startCase(world.psychA, world.units.classA);
    const started = (await history(instanceId)).find((entry) => entry.type === 'instance.started');
    expect(started).toMatchObject({ actor: world.psychA.username, data: { startedBy: 'user' } });

    // when she completes its task without claiming it first
    const submitted = { riskLevel: 'low', followUp: true, assessmentNotes: 'calm today' };
    const done = await api('POST', `/api/tasks/${taskId}/complete`, world.psychA.token, {
      variables: submitted,
    });
    expect(done.status).toBe(200);

    // then the task is hers, and the completion says she claimed it in that step, names the
    // fields and hashes the values without holding them
    expect(done.body.task).toMatchObject({ state: 'completed', assignee: world.psychA.username });
    const entries = await history(instanceId);
    expect(entries.filter((entry) => entry.type === 'task.assigned')).toEqual([]);
    const completed = entries.find((entry) => entry.type === 'task.completed');
    expect(completed.actor).toBe(world.psychA.username);
    expect(completed.data).toEqual({
      taskId,
      claimedOnCompletion: true,
      fields: ['assessmentNotes', 'followUp', 'riskLevel'],
      valuesSha256: sha256('{"assessmentNotes":"calm today","followUp":true,"riskLevel":"low"}'),
    });
    expect(JSON.stringify(completed)).not.toContain('calm today');
    expect(await verify(instanceId)).toMatchObject({ valid: true, problems: [] });
  });

  it('records the new and the previous assignee of a reassignment and notifies both holders, nobody else', async () => {
    // given a task psychA holds
    const { instanceId, taskId } = await startCase(world.psychA, world.units.classA);
    expect((await api('POST', `/api/tasks/${taskId}/claim`, world.psychA.token)).status).toBe(200);

    // when her lead gives it to psychA2
    const assigned = await api('POST', `/api/tasks/${taskId}/assign`, leadA.token, { userId: psychA2.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe(psychA2.username);

    // then the history names both, and the chain verifies
    const entries = (await history(instanceId)).filter((entry) => entry.type === 'task.assigned');
    expect(entries.map((entry) => [entry.actor, entry.data.assignee, entry.data.previousAssignee])).toEqual([
      [world.psychA.username, world.psychA.username, null],
      [leadA.username, psychA2.username, world.psychA.username],
    ]);
    expect(await verify(instanceId)).toMatchObject({ valid: true, problems: [] });

    // and the new and the previous holder are told, content-free; the lead and others are not
    const toNew = await notices(psychA2, taskId);
    const toPrevious = await notices(world.psychA, taskId);
    expect(toNew).toEqual([
      expect.objectContaining({
        kind: 'task.assignedToYou',
        instanceId,
        title: '任务已转交给你：Assess risk（Class 2）',
      }),
    ]);
    expect(toPrevious).toEqual([
      expect.objectContaining({
        kind: 'task.assignedAway',
        title: '你的任务已转交他人：Assess risk（Class 2）',
      }),
    ]);
    expect(await notices(leadA, taskId)).toEqual([]);
    expect(await notices(world.psychB, taskId)).toEqual([]);

    // and the same assignment again changes nothing and tells nobody twice
    expect(
      (await api('POST', `/api/tasks/${taskId}/assign`, leadA.token, { userId: psychA2.id })).status,
    ).toBe(200);
    expect(await notices(psychA2, taskId)).toHaveLength(1);
    expect(await notices(world.psychA, taskId)).toHaveLength(1);
  });

  it('records the old and new hashes of each variable an incident retry sets, never the values', async () => {
    const key = await deployGateway();
    const { instanceId, incidentId } = await caseWithIncident(world.psychA, world.units.classA, key);
    const retried = await api('POST', `/api/incidents/${incidentId}/retry`, leadA.token, {
      variables: { score: 9, notes: 'second' },
    });
    expect(retried.status).toBe(202);
    const resolved = (await history(instanceId)).find((entry) => entry.type === 'incident.resolved');
    expect(resolved).toMatchObject({
      actor: leadA.username,
      data: {
        incidentId,
        variables: ['score', 'notes'],
        valueHashes: {
          score: { oldSha256: null, newSha256: sha256('9') },
          // a sensitive value is hashed as entered, not as sealed
          notes: { oldSha256: sha256('"first"'), newSha256: sha256('"second"') },
        },
      },
    });
    expect(JSON.stringify(resolved)).not.toContain('second');
    expect(await verify(instanceId)).toMatchObject({ valid: true, problems: [] });
  });
});

describe('bulk actions', () => {
  it('assigns each task as the single action would: done, other school 404, closed 409; bounds and duplicates 400', async () => {
    const one = await startCase(world.psychA, world.units.classA);
    const two = await startCase(world.psychA, world.units.classA);
    const other = await startCase(world.psychB, world.units.classB);
    const closed = await startCase(world.psychA, world.units.classA);
    expect(
      (await api('POST', `/api/tasks/${closed.taskId}/complete`, world.psychA.token, { variables: {} }))
        .status,
    ).toBe(200);

    const answer = await api('POST', '/api/tasks/bulk/assign', leadA.token, {
      taskIds: [one.taskId, other.taskId, closed.taskId, two.taskId],
      userId: psychA2.id,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((item: any) => [item.id, item.status])).toEqual([
      [one.taskId, 200],
      [other.taskId, 404],
      [closed.taskId, 409],
      [two.taskId, 200],
    ]);
    // the other school's task is a plain 404 that says nothing of it
    expect(answer.body.results[1].error).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `Task ${other.taskId} not found`,
    });
    expect(answer.body.results[2].error).toMatchObject({ status: 409, title: 'Conflict' });
    for (const { taskId } of [one, two]) {
      const task = await api('GET', `/api/tasks/${taskId}`, leadA.token);
      expect(task.body.assignee).toBe(psychA2.username);
      expect(await notices(psychA2, taskId)).toHaveLength(1);
    }
    const untouched = await api('GET', `/api/tasks/${other.taskId}`, world.psychB.token);
    expect(untouched.body.assignee).toBeNull();

    // a psychology teacher is no supervisor: each item is refused as the single action refuses it
    const notLead = await api('POST', '/api/tasks/bulk/assign', world.psychA.token, {
      taskIds: [one.taskId, other.taskId],
      userId: world.psychA.id,
    });
    expect(notLead.body.results.map((item: any) => item.status)).toEqual([403, 404]);

    // more than 100 ids, duplicates, none, or something not an id: 400 naming taskIds
    const ids = Array.from({ length: 101 }, () => randomUUID());
    for (const taskIds of [ids, [one.taskId, one.taskId], [], ['nope']]) {
      const refused = await api('POST', '/api/tasks/bulk/assign', leadA.token, {
        taskIds,
        userId: psychA2.id,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: any) => error.path)).toContain('taskIds');
    }
  });

  it('cancels each case with the reason: done, other school 404, already ended 409', async () => {
    const one = await startCase(world.psychA, world.units.classA);
    const other = await startCase(world.psychB, world.units.classB);
    const ended = await startCase(world.psychA, world.units.classA);
    expect(
      (await api('POST', `/api/instances/${ended.instanceId}/cancel`, leadA.token, { reason: 'duplicate' }))
        .status,
    ).toBe(202);

    const answer = await api('POST', '/api/instances/bulk/cancel', leadA.token, {
      ids: [one.instanceId, other.instanceId, ended.instanceId],
      reason: 'opened twice',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((item: any) => item.status)).toEqual([202, 404, 409]);
    expect((await api('GET', `/api/instances/${one.instanceId}`, leadA.token)).body.state).toBe('cancelled');
    expect((await api('GET', `/api/instances/${other.instanceId}`, world.psychB.token)).body.state).toBe(
      'active',
    );
    const cancelled = (await history(one.instanceId)).find((entry) => entry.type === 'instance.cancelled');
    expect(cancelled).toMatchObject({ actor: leadA.username, data: { reason: 'opened twice' } });

    const tooMany = await api('POST', '/api/instances/bulk/cancel', leadA.token, {
      ids: Array.from({ length: 101 }, () => randomUUID()),
      reason: 'x',
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((error: any) => error.path)).toContain('ids');
  });

  it('retries each incident with the variables: done, other school 404, resolved 409', async () => {
    const key = await deployGateway();
    const one = await caseWithIncident(world.psychA, world.units.classA, key);
    const resolved = await caseWithIncident(world.psychA, world.units.classA, key);
    expect(
      (
        await api('POST', `/api/incidents/${resolved.incidentId}/retry`, leadA.token, {
          variables: { score: 1 },
        })
      ).status,
    ).toBe(202);
    // school B's incident: its own copy of the pathway, deployed by its lead
    const leadB = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolB);
    const other = await caseWithIncident(world.psychB, world.units.classB, key);

    const answer = await api('POST', '/api/incidents/bulk/retry', leadA.token, {
      ids: [one.incidentId, other.incidentId, resolved.incidentId],
      variables: { score: 9 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((item: any) => item.status)).toEqual([202, 404, 409]);
    const fixed = await api('GET', `/api/instances/${one.instanceId}`, leadA.token);
    expect(fixed.body.incidents).toEqual([]);
    const stillStuck = await api('GET', `/api/incidents?instanceId=${other.instanceId}`, leadB.token);
    expect(stillStuck.body.items).toHaveLength(1);

    const tooMany = await api('POST', '/api/incidents/bulk/retry', leadA.token, {
      ids: Array.from({ length: 101 }, () => randomUUID()),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((error: any) => error.path)).toContain('ids');
  });
});
