import { buildWorld, call, createPerson, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, flow, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * Signal events (issue 8, tier 2; docs/signals.md): broadcast by POST /api/signals or thrown by
 * a case, they reach every waiting case in scope and start cases of signal start processes, never
 * across schools.
 */
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  call(stack.baseUrl, method, path, {
    token: token ?? world.adminToken,
    ...(body === undefined ? {} : { body }),
  });

const signalRef = (id: string, name: string) => `<bpmn:signal id="${id}" name="${name}" />`;

async function deploy(xml: string, ownerUnitId?: string): Promise<void> {
  const deployed = await api('POST', '/api/definitions', { xml, ...(ownerUnitId ? { ownerUnitId } : {}) });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
}

async function startCase(key: string, orgUnitId: string, variables: Record<string, unknown> = {}) {
  const started = await api('POST', '/api/instances', { definitionKey: key, orgUnitId, variables });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.id as string;
}

const getInstance = async (id: string): Promise<any> => (await api('GET', `/api/instances/${id}`)).body;
const activeOf = async (id: string): Promise<string[]> =>
  ((await getInstance(id)).activeElements as { elementId: string }[])
    .map((element) => element.elementId)
    .sort();
const historyOf = async (id: string): Promise<any[]> =>
  (await api('GET', `/api/instances/${id}/history`)).body.items;

/** Waits at a signal catch event, then a user task. */
function catcher(key: string, signalName: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="wait-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
     ${userTask('debrief', { groups: 'psychTeacher' })}
     <bpmn:endEvent id="end" />`,
    { roots: signalRef('sig', signalName), flows: chain('start', 'wait-signal', 'debrief', 'end') },
  );
}

/** Started only by the signal. */
function starter(key: string, signalName: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="on-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
     ${userTask('respond', { groups: 'psychTeacher' })}
     <bpmn:endEvent id="end" />`,
    { roots: signalRef('sig', signalName), flows: chain('on-signal', 'respond', 'end') },
  );
}

describe('POST /api/signals', () => {
  it("reaches the waiting cases in the caller's scope and starts cases of the processes runnable at the caller's unit", async () => {
    // given
    const name = `lockdown-${unique()}`;
    const waitKey = `wait-lockdown-${unique()}`;
    const startKey = `on-lockdown-${unique()}`;
    const otherSchoolsKey = `b-on-lockdown-${unique()}`;
    await deploy(catcher(waitKey, name));
    await deploy(starter(startKey, name));
    // School B's own pathway: cases at school A may not run it (docs/adr/0003)
    await deploy(starter(otherSchoolsKey, name), world.units.schoolB);
    const inA = await startCase(waitKey, world.units.classA);
    const inB = await startCase(waitKey, world.units.classB);

    // when school A's psychology teacher broadcasts it
    const sent = await api('POST', '/api/signals', { name, variables: { level: 'red' } }, world.psychA.token);

    // then it reached school A's waiting case only and started one case, at school A
    expect([sent.status, sent.body.detail]).toEqual([200, undefined]);
    expect(sent.body.triggeredInstances).toEqual([inA]);
    expect(sent.body.startedInstances).toHaveLength(1);
    expect(await activeOf(inA)).toEqual(['debrief']);
    expect((await getInstance(inA)).variables).toMatchObject({ level: 'red' });
    expect(await activeOf(inB)).toEqual(['wait-signal']);
    const started = await getInstance(sent.body.startedInstances[0]);
    expect(started).toMatchObject({
      definitionKey: startKey,
      orgUnitId: world.units.schoolA,
      state: 'active',
      variables: { level: 'red' },
    });
    // and the reached case's audit trail says who sent what
    expect(await historyOf(inA)).toContainEqual(
      expect.objectContaining({
        type: 'signal.received',
        elementId: 'wait-signal',
        actor: world.psychA.username,
        data: expect.objectContaining({ signalName: name }),
      }),
    );

    // when the same signal comes again
    const again = await api('POST', '/api/signals', { name }, world.psychA.token);
    // then nothing waits any more, and a case starts again (signals have no de-duplication)
    expect(again.body.triggeredInstances).toEqual([]);
    expect(again.body.startedInstances).toHaveLength(1);
  });

  it('refuses a caller without a case-viewing role, a unit outside their scope or unknown, and a bad body', async () => {
    // given
    const peer = await createPerson(stack, world.adminToken, 'peerMonitor', world.units.classA);
    // when / then
    const fromPeer = await api('POST', '/api/signals', { name: 'x' }, peer.token);
    expect(fromPeer.status).toBe(403);
    const elsewhere = await api(
      'POST',
      '/api/signals',
      { name: 'x', orgUnitId: world.units.schoolB },
      world.psychA.token,
    );
    expect(elsewhere.status).toBe(403);
    const nameless = await api('POST', '/api/signals', { variables: {} }, world.psychA.token);
    expect(nameless.status).toBe(400);
    expect(JSON.stringify(nameless.body.errors)).toContain('name');
    // hostile and oversized input is the client's problem, never a 500
    const notAnObject = await api('POST', '/api/signals', { name: 'x', variables: [1] }, world.psychA.token);
    expect(notAnObject.status).toBe(400);
    const withNul = await api('POST', '/api/signals', { name: 'x\u0000y' }, world.psychA.token);
    expect(withNul.status).toBe(400);
    const unknownUnit = await api(
      'POST',
      '/api/signals',
      { name: 'x', orgUnitId: '00000000-0000-4000-8000-000000000000' },
      world.psychA.token,
    );
    expect(unknownUnit.status).toBe(404);
    const oversized = await api(
      'POST',
      '/api/signals',
      { name: 'x', variables: { note: 'x'.repeat(300 * 1024) } },
      world.psychA.token,
    );
    expect(oversized.status).toBe(413);
  });
});

describe('signal boundary events and event sub-processes', () => {
  it('lets a non-interrupting boundary and an event sub-process go on beside the task, and an interrupting one end it', async () => {
    // given
    const alert = `alert-${unique()}`;
    const closed = `closed-${unique()}`;
    const key = `boundaries-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         ${userTask('talk', { groups: 'psychTeacher' })}
         <bpmn:boundaryEvent id="note-alert" attachedToRef="talk" cancelActivity="false"><bpmn:signalEventDefinition signalRef="s-alert" /></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="on-closed" attachedToRef="talk"><bpmn:signalEventDefinition signalRef="s-closed" /></bpmn:boundaryEvent>
         ${userTask('check-in', { groups: 'psychTeacher' })}
         ${userTask('hand-over', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-check-in" /><bpmn:endEvent id="end-closed" />
         <bpmn:subProcess id="on-alert" triggeredByEvent="true">
           <bpmn:startEvent id="alert-start" isInterrupting="false"><bpmn:signalEventDefinition signalRef="s-alert" /></bpmn:startEvent>
           ${userTask('tell-principal', { groups: 'psychTeacher' })}
           <bpmn:endEvent id="alert-end" />
           ${chain('alert-start', 'tell-principal', 'alert-end').join('')}
         </bpmn:subProcess>`,
        {
          roots: signalRef('s-alert', alert) + signalRef('s-closed', closed),
          flows: [
            ...chain('start', 'talk', 'end'),
            ...chain('note-alert', 'check-in', 'end-check-in'),
            ...chain('on-closed', 'hand-over', 'end-closed'),
          ],
        },
      ),
    );
    const id = await startCase(key, world.units.classA);

    // when the alert comes
    const alerted = await api('POST', '/api/signals', { name: alert }, world.psychA.token);
    // then the task goes on, with its boundary's path and the event sub-process beside it
    expect(alerted.body.triggeredInstances).toEqual([id]);
    expect(await activeOf(id)).toEqual(['check-in', 'on-alert', 'talk', 'tell-principal']);

    // when the case is closed by signal
    await api('POST', '/api/signals', { name: closed }, world.psychA.token);
    // then the task ended and the case took the boundary's way
    expect(await activeOf(id)).toEqual(['check-in', 'hand-over', 'on-alert', 'tell-principal']);
  });
});

describe('signals thrown by a case', () => {
  it("reach the cases at the thrower's unit and below, its own other waits included, and start cases there", async () => {
    // given
    const name = `class-closed-${unique()}`;
    const waitKey = `wait-closed-${unique()}`;
    const startKey = `on-closed-${unique()}`;
    const throwKey = `close-class-${unique()}`;
    await deploy(catcher(waitKey, name));
    await deploy(starter(startKey, name));
    await deploy(
      diagram(
        throwKey,
        `<bpmn:startEvent id="start" />
         <bpmn:parallelGateway id="fork" />
         <bpmn:intermediateCatchEvent id="own-wait"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
         ${userTask('own-debrief', { groups: 'psychTeacher' })}
         ${userTask('decide', { groups: 'psychTeacher' })}
         <bpmn:intermediateThrowEvent id="tell-everyone">
           <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=reason" target="why" /></zeebe:ioMapping></bpmn:extensionElements>
           <bpmn:signalEventDefinition signalRef="sig" />
         </bpmn:intermediateThrowEvent>
         ${userTask('after', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end-a" /><bpmn:endEvent id="end-b" />`,
        {
          roots: signalRef('sig', name),
          flows: [
            flow('start', 'fork'),
            ...chain('fork', 'own-wait', 'own-debrief', 'end-a'),
            ...chain('fork', 'decide', 'tell-everyone', 'after', 'end-b'),
          ],
        },
      ),
    );
    const atClassA = await startCase(waitKey, world.units.classA);
    const atSchoolA = await startCase(waitKey, world.units.schoolA);
    const atClassB = await startCase(waitKey, world.units.classB);
    const atDistrict = await startCase(waitKey, world.units.district);
    const thrower = await startCase(throwKey, world.units.schoolA, { reason: 'flu', secret: 'kept' });
    expect(await activeOf(thrower)).toEqual(['decide', 'own-wait']);

    // when the thrower's task is done and the case throws the signal
    const decide = await eventually(async () => {
      const tasks = await api(
        'GET',
        `/api/tasks?instanceId=${thrower}&state=open`,
        undefined,
        world.psychA.token,
      );
      return (tasks.body.items as { id: string; elementId: string }[]).find(
        (task) => task.elementId === 'decide',
      );
    });
    const done = await api('POST', `/api/tasks/${decide.id}/complete`, { variables: {} }, world.psychA.token);
    expect(done.status).toBe(200);

    // then its own other wait took it, and so did the cases at school A and below
    await eventually(async () => ((await activeOf(thrower)).includes('after') ? true : undefined), 30_000);
    await eventually(async () => ((await activeOf(atClassA))[0] === 'debrief' ? true : undefined), 30_000);
    expect(await activeOf(thrower)).toEqual(['after', 'own-debrief']);
    expect(await activeOf(atSchoolA)).toEqual(['debrief']);
    // with the throw event's input mappings as the signal's variables, nothing else of the case
    expect((await getInstance(atClassA)).variables).toEqual({ why: 'flu' });
    expect(await historyOf(atClassA)).toContainEqual(
      expect.objectContaining({
        type: 'signal.received',
        actor: null,
        data: expect.objectContaining({ signalName: name, thrownBy: thrower }),
      }),
    );
    // but never another school, nor the district above the thrower
    expect(await activeOf(atClassB)).toEqual(['wait-signal']);
    expect(await activeOf(atDistrict)).toEqual(['wait-signal']);
    // and a case of the signal start process began at the thrower's unit
    const startedThere = await eventually(async () => {
      const cases = await api('GET', `/api/instances?definitionKey=${startKey}`);
      return cases.body.items.length > 0 ? cases.body.items : undefined;
    });
    expect(startedThere).toEqual([
      expect.objectContaining({ orgUnitId: world.units.schoolA, state: 'active' }),
    ]);
    expect((await getInstance(startedThere[0].id)).variables).toEqual({ why: 'flu' });
    // whose history says the thrower's signal started it, with no person as its actor
    expect(await historyOf(startedThere[0].id)).toContainEqual(
      expect.objectContaining({
        type: 'instance.started',
        actor: null,
        data: { startedBy: 'signal', startingCaseId: thrower },
      }),
    );
  });

  it("from a signal end event of a district's case reach the cases of its schools", async () => {
    // given
    const name = `district-drill-${unique()}`;
    const waitKey = `wait-drill-${unique()}`;
    const throwKey = `announce-drill-${unique()}`;
    await deploy(catcher(waitKey, name));
    await deploy(
      diagram(
        throwKey,
        `<bpmn:startEvent id="start" />
         <bpmn:endEvent id="announce"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:endEvent>`,
        { roots: signalRef('sig', name), flows: chain('start', 'announce') },
      ),
    );
    const inA = await startCase(waitKey, world.units.classA);
    const inB = await startCase(waitKey, world.units.classB);
    // when
    const announcer = await startCase(throwKey, world.units.district);
    // then both schools' cases got it, and the announcing case ended once it was sent
    await eventually(async () => ((await activeOf(inB))[0] === 'debrief' ? true : undefined), 30_000);
    expect(await activeOf(inA)).toEqual(['debrief']);
    await eventually(async () => ((await getInstance(announcer)).state === 'completed' ? true : undefined));
  });
});
