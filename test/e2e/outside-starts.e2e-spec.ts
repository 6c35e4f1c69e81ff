import { buildWorld, call, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, message, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/**
 * What diagrams from outside showed (issue 8): processes that only messages or timers start,
 * as Camunda 8 runs them, and diagrams that declare an encoding other than UTF-8.
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

const getInstance = async (id: string): Promise<any> => (await api('GET', `/api/instances/${id}`)).body;

/** A process that a message starts (start event 'on-referral') and a monthly timer (start event 'every-month'). */
function messageAndTimerStarted(key: string, messageName: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="on-referral"><bpmn:messageEventDefinition messageRef="m-referral" /></bpmn:startEvent>
     <bpmn:startEvent id="every-month">
       <bpmn:timerEventDefinition>
         <bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">R/2099-01-01T00:00:00Z/P1M</bpmn:timeCycle>
       </bpmn:timerEventDefinition>
     </bpmn:startEvent>
     ${userTask('receive-student', { groups: 'psychTeacher' })}
     <bpmn:endEvent id="end" />`,
    {
      roots: message('m-referral', messageName),
      flows: [...chain('on-referral', 'receive-student', 'end'), ...chain('every-month', 'receive-student')],
    },
  );
}

describe('a process with only message and timer start events', () => {
  it('deploys, a message starts a case of it, and POST /api/instances names the start events it needs', async () => {
    // given
    const key = `referral-only-${unique()}`;
    const name = `hospital-referral-${unique()}`;
    // when
    const deployed = await api('POST', '/api/definitions', { xml: messageAndTimerStarted(key, name) });
    // then it deploys
    expect(deployed.status).toBe(201);

    // when the message is published
    const sent = await api('POST', '/api/messages', {
      name,
      // Required by the endpoint; a start event has no subscription to match it against.
      correlationKey: 'referral-42',
      orgUnitId: world.units.classA,
      variables: { ward: 'adolescent' },
    });
    // then a case starts at its message start event
    expect([sent.status, sent.body.detail]).toEqual([200, undefined]);
    expect(sent.body.correlatedInstances).toHaveLength(1);
    const started = await getInstance(sent.body.correlatedInstances[0]);
    expect(started).toMatchObject({ definitionKey: key, state: 'active', variables: { ward: 'adolescent' } });
    expect(started.activeElements.map((element: any) => element.elementId)).toEqual(['receive-student']);

    // when a case is started the way a none start event is
    const refused = await api(
      'POST',
      '/api/instances',
      { definitionKey: key, orgUnitId: world.units.classA },
      world.psychA.token,
    );
    // then it is a 400 naming the start events that do start it
    expect(refused.status).toBe(400);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.detail).toBe(
      `Process '${key}' has no none start event: it starts by message '${name}' (start event 'on-referral', POST /api/messages) or by its timer (start event 'every-month')`,
    );
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'definitionKey', elementId: 'on-referral' }),
      expect.objectContaining({ path: 'definitionKey', elementId: 'every-month' }),
    ]);
    // and no case was created by the refused request
    const cases = await api('GET', `/api/instances?definitionKey=${key}`);
    expect(cases.body.items).toHaveLength(1);
  });

  it('still refuses a process with no start event at all, naming the process', async () => {
    // given
    const key = `no-start-${unique()}`;
    const xml = diagram(key, `${userTask('assess', { groups: 'psychTeacher' })}<bpmn:endEvent id="end" />`, {
      flows: chain('assess', 'end'),
    });
    // when
    const deployed = await api('POST', '/api/definitions', { xml });
    // then
    expect(deployed.status).toBe(400);
    expect(deployed.body.errors).toContainEqual(
      expect.objectContaining({
        elementId: key,
        message: `Expected a none, message, timer or signal start event in process '${key}', where a case begins`,
      }),
    );
  });
});

describe('a call activity that calls a process with only message and timer start events', () => {
  it('is an incident at the call activity saying the called process has no none start event', async () => {
    // given
    const child = `referral-only-${unique()}`;
    const parent = `calls-referral-${unique()}`;
    expect(
      (await api('POST', '/api/definitions', { xml: messageAndTimerStarted(child, `m-${unique()}`) })).status,
    ).toBe(201);
    const parentXml = diagram(
      parent,
      `<bpmn:startEvent id="start" />
       <bpmn:callActivity id="refer"><bpmn:extensionElements><zeebe:calledElement processId="${child}" /></bpmn:extensionElements></bpmn:callActivity>
       <bpmn:endEvent id="end" />`,
      { flows: chain('start', 'refer', 'end') },
    );
    expect((await api('POST', '/api/definitions', { xml: parentXml })).status).toBe(201);
    // when
    const started = await api(
      'POST',
      '/api/instances',
      { definitionKey: parent, orgUnitId: world.units.classA },
      world.psychA.token,
    );
    expect(started.status).toBe(201);
    // then
    const stuck = await eventually(async () => {
      const instance = await getInstance(started.body.id);
      return instance.incidents?.length > 0 ? instance : undefined;
    });
    expect(stuck.openIncidents).toBe(1);
    expect(stuck.incidents).toEqual([
      expect.objectContaining({
        elementId: 'refer',
        message: expect.stringContaining(
          `calls process "${child}" (version 1), which a call activity cannot start. Process '${child}' has no none start event: it starts by message`,
        ),
      }),
    ]);
    // and no child case was recorded that could never run
    expect((await api('GET', `/api/instances?definitionKey=${child}`)).body.items).toEqual([]);
  });
});

/** A diagram whose process is named `nameBytes` (already encoded), declaring `encoding`. */
function encodedDiagram(key: string, encoding: string, nameBytes: Buffer): Buffer {
  const [head = '', tail = ''] = diagram(key, '<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />', {
    flows: chain('start', 'end'),
  })
    .replace('encoding="UTF-8"', `encoding="${encoding}"`)
    .replace(`<bpmn:process id="${key}"`, `<bpmn:process id="${key}" name="NAME"`)
    .split('NAME');
  return Buffer.concat([Buffer.from(head, 'latin1'), nameBytes, Buffer.from(tail, 'latin1')]);
}

async function upload(bytes: Buffer): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/xml' }), 'diagram.bpmn');
  const response = await fetch(`${stack.baseUrl}/api/definitions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.adminToken}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

describe('diagrams that declare an encoding other than UTF-8', () => {
  it('deploys one sent as JSON text with encoding="ISO-8859-1": the text is already decoded', async () => {
    // given
    const key = `latin1-json-${unique()}`;
    const xml = encodedDiagram(key, 'ISO-8859-1', Buffer.from('Café', 'utf8')).toString('utf8');
    // when
    const deployed = await api('POST', '/api/definitions', { xml });
    // then
    expect([deployed.status, deployed.body.detail]).toEqual([201, undefined]);
    expect(deployed.body).toMatchObject({ key, name: 'Café' });
  });

  it('decodes an uploaded ISO-8859-1 file as its declaration says', async () => {
    // given 'Café' in ISO-8859-1: é is the single byte 0xE9
    const key = `latin1-file-${unique()}`;
    const bytes = encodedDiagram(key, 'ISO-8859-1', Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    // when
    const deployed = await upload(bytes);
    // then
    expect([deployed.status, deployed.body.detail]).toEqual([201, undefined]);
    const stored = await api('GET', `/api/definitions/${deployed.body.id}`);
    expect(stored.body).toMatchObject({ key, name: 'Café' });
  });

  it('decodes an uploaded GBK file as its declaration says', async () => {
    // given 心理 in GBK (Node has no GBK encoder, so the bytes are written out)
    const key = `gbk-file-${unique()}`;
    const bytes = encodedDiagram(key, 'GBK', Buffer.from([0xd0, 0xc4, 0xc0, 0xed]));
    // when
    const deployed = await upload(bytes);
    // then
    expect([deployed.status, deployed.body.detail]).toEqual([201, undefined]);
    const stored = await api('GET', `/api/definitions/${deployed.body.id}`);
    expect(stored.body).toMatchObject({ key, name: '心理' });
  });

  it('answers 400 naming `file` and the encoding when no decoder knows it', async () => {
    // given
    const bytes = encodedDiagram(`klingon-${unique()}`, 'x-klingon', Buffer.from('Qapla', 'latin1'));
    // when
    const refused = await upload(bytes);
    // then
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'file', message: expect.stringContaining("'x-klingon', named by its XML declaration") },
    ]);
  });
});
