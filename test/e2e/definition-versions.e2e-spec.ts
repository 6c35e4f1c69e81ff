// GET /api/definitions?key= for the versions page (docs/versions.md): each version's running
// cases are counted within the caller's scope only, and the deployer's name is shown to staff on
// the owner unit's line. A district pathway shared by two schools, a case at school A.
import { buildWorld, call, createPerson, type Person, unique, type World } from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

interface VersionItem {
  id: string;
  version: number;
  deployedBy: string | null;
  deployedByName: string | null;
  runningInstances: number;
}

let stack: Stack;
let world: World;
let districtLead: Person;
let leadA: Person;
let leadB: Person;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  districtLead = await createPerson(stack, world.adminToken, 'psychLead', world.units.district);
  leadA = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
  leadB = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolB);
});
afterAll(async () => {
  await stack?.close();
});

const pathway = (key: string, taskName: string) =>
  diagram(
    key,
    `<bpmn:startEvent id="start" />${userTask('assess', { groups: 'psychTeacher' }).replace('name="assess"', `name="${taskName}"`)}<bpmn:endEvent id="end" />`,
    { flows: chain('start', 'assess', 'end') },
  );

async function deploy(token: string, xml: string, ownerUnitId?: string): Promise<void> {
  const response = await call(stack.baseUrl, 'POST', '/api/definitions', {
    token,
    body: { xml, ...(ownerUnitId ? { ownerUnitId } : {}) },
  });
  if (response.status !== 201) throw new Error(`deploy: ${response.status} ${JSON.stringify(response.body)}`);
}

async function versionsOf(key: string, token: string): Promise<Map<number, VersionItem>> {
  const response = await call(stack.baseUrl, 'GET', `/api/definitions?key=${key}`, { token });
  expect(response.status).toBe(200);
  return new Map((response.body.items as VersionItem[]).map((item) => [item.version, item]));
}

describe('definition versions: running cases within scope, deployer names on the line', () => {
  it("counts a school A case for school A's staff and the district, never for school B's", async () => {
    // given: a district pathway in two versions, and one case of version 1 at school A's class
    const key = `shared-${unique()}`;
    await deploy(districtLead.token, pathway(key, 'Assess'), world.units.district);
    await deploy(districtLead.token, pathway(key, 'Assess the student'));
    const started = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: { definitionKey: key, version: 1, orgUnitId: world.units.classA },
    });
    expect(started.status).toBe(201);

    // then: school A's lead and psychology teacher, and the district lead, see it on version 1
    for (const [who, token] of [
      ['school A lead', leadA.token],
      ['school A psychology teacher', world.psychA.token],
      ['district lead', districtLead.token],
    ] as const) {
      const versions = await versionsOf(key, token);
      expect({ who, v1: versions.get(1)?.runningInstances, v2: versions.get(2)?.runningInstances }).toEqual({
        who,
        v1: 1,
        v2: 0,
      });
    }

    // and: school B's lead and psychology teacher count nothing, yet read who deployed the pathway
    for (const [who, token] of [
      ['school B lead', leadB.token],
      ['school B psychology teacher', world.psychB.token],
    ] as const) {
      const versions = await versionsOf(key, token);
      expect({ who, v1: versions.get(1)?.runningInstances, v2: versions.get(2)?.runningInstances }).toEqual({
        who,
        v1: 0,
        v2: 0,
      });
      expect(versions.get(1)).toMatchObject({
        deployedBy: districtLead.id,
        deployedByName: districtLead.username,
      });
    }

    // when: the case is cancelled, it no longer runs
    const cancelled = await call(stack.baseUrl, 'POST', `/api/instances/${started.body.id}/cancel`, {
      token: leadA.token,
      body: { reason: 'test' },
    });
    expect(cancelled.status).toBeLessThan(300);
    expect((await versionsOf(key, districtLead.token)).get(1)?.runningInstances).toBe(0);
  });

  it("names school A's own deployer to school A's staff and the district, not to school B's", async () => {
    const key = `own-${unique()}`;
    await deploy(leadA.token, pathway(key, 'Assess'), world.units.schoolA);

    expect((await versionsOf(key, world.psychA.token)).get(1)?.deployedByName).toBe(leadA.username);
    expect((await versionsOf(key, districtLead.token)).get(1)?.deployedByName).toBe(leadA.username);
    const seenFromB = (await versionsOf(key, leadB.token)).get(1);
    expect(seenFromB).toMatchObject({ deployedByName: null, runningInstances: 0 });
  });
});
