import { buildWorld, call, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

// What diagrams from outside (Camunda Modeler, the BPMN MIWG set) showed (issue 8, item 1).
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(stack.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });

describe('an instance with an open incident', () => {
  it('reads state "incident" in the case and in lists, and "active" again once resolved', async () => {
    // given a case whose script fails on a missing variable
    const key = `failing-script-${unique()}`;
    const script =
      '<bpmn:scriptTask id="score"><bpmn:extensionElements><zeebe:script expression="=answers + 1" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>';
    const xml = diagram(
      key,
      `<bpmn:startEvent id="s" />${script}${userTask('t', { groups: 'psychTeacher' })}<bpmn:endEvent id="e" />`,
      {
        flows: chain('s', 'score', 't', 'e'),
      },
    );
    expect((await api('POST', '/api/definitions', world.adminToken, { xml })).status).toBe(201);
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
    });
    const id = started.body.id as string;

    // when the incident is open
    const read = await eventually(async () => {
      const response = await api('GET', `/api/instances/${id}`, world.psychA.token);
      return response.body.incidents.length > 0 ? response : undefined;
    });

    // then the case, and every list, says so
    expect(read.body).toMatchObject({ state: 'incident', openIncidents: 1 });
    const listed = await api('GET', `/api/instances?definitionKey=${key}`, world.psychA.token);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, state: 'incident' })]);
    const incidents = await api(
      'GET',
      `/api/instances?state=incident&definitionKey=${key}`,
      world.psychA.token,
    );
    expect(incidents.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const active = await api('GET', `/api/instances?state=active&definitionKey=${key}`, world.psychA.token);
    expect(active.body.items).toEqual([]);

    // when a supervisor fixes the variable and retries
    const retried = await api('POST', `/api/incidents/${read.body.incidents[0].id}/retry`, world.adminToken, {
      variables: { answers: 3 },
    });
    expect(retried.status).toBe(202);

    // then it reads active again
    const after = await eventually(async () => {
      const response = await api('GET', `/api/instances/${id}`, world.psychA.token);
      return response.body.state === 'active' ? response : undefined;
    });
    expect(after.body).toMatchObject({ state: 'active', openIncidents: 0, variables: { total: 4 } });
  });
});

describe('deploy warnings', () => {
  it('deploys a diagram with data objects and stores, warning about them, an unseen task and a missing form', async () => {
    // given a diagram as Camunda Modeler draws it: a data store read, a data object written,
    // a task nobody is assigned to, and a task linking a form that is not sent
    const key = `with-data-${unique()}`;
    const record = `<bpmn:userTask id="record" name="记录"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="psychTeacher" /><zeebe:formDefinition formId="record-form" /></bpmn:extensionElements>
      <bpmn:dataInputAssociation id="read-store"><bpmn:sourceRef>store</bpmn:sourceRef><bpmn:targetRef>record</bpmn:targetRef></bpmn:dataInputAssociation>
      <bpmn:dataOutputAssociation id="write-notes"><bpmn:targetRef>notes</bpmn:targetRef></bpmn:dataOutputAssociation>
    </bpmn:userTask>`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="s" />${record}<bpmn:userTask id="orphan" /><bpmn:endEvent id="e" />
       <bpmn:dataObjectReference id="notes" dataObjectRef="notes-object" /><bpmn:dataObject id="notes-object" />
       <bpmn:dataStoreReference id="store" />`,
      { flows: chain('s', 'record', 'orphan', 'e') },
    );

    // when it is deployed
    const deployed = await api('POST', '/api/definitions', world.adminToken, { xml });

    // then it is stored, and the answer warns about each thing, naming the element
    expect(deployed.status).toBe(201);
    const warned = (deployed.body.warnings as { elementId: string; message: string }[])
      .map((w) => w.elementId)
      .sort();
    expect(warned).toEqual(['notes', 'orphan', 'read-store', 'record', 'store', 'write-notes']);
    expect(deployed.body.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          elementId: 'record',
          message: expect.stringContaining("form 'record-form'"),
        }),
        expect.objectContaining({
          elementId: 'orphan',
          message: expect.stringContaining('nobody will ever see it'),
        }),
      ]),
    );

    // and the same diagram with its form deploys without the form warning, and runs
    const withForm = await api('POST', '/api/definitions', world.adminToken, {
      xml,
      forms: { 'record-form': { type: 'default', components: [{ type: 'textfield', key: 'note' }] } },
    });
    expect(withForm.status).toBe(201);
    expect(withForm.body.warnings.map((w: { elementId: string }) => w.elementId)).not.toContain('record');
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
    });
    expect(started.status).toBe(201);
    expect(started.body.activeElements).toEqual([{ elementId: 'record', since: expect.any(String) }]);
  });
});

describe('cancelling through the one Update path', () => {
  it('answers 202, then 409 for a case that has already ended', async () => {
    const key = `cancel-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="s" />${userTask('t', { groups: 'psychTeacher' })}<bpmn:endEvent id="e" />`,
      {
        flows: chain('s', 't', 'e'),
      },
    );
    await api('POST', '/api/definitions', world.adminToken, { xml });
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
    });
    const path = `/api/instances/${started.body.id}/cancel`;
    expect((await api('POST', path, world.adminToken, { reason: 'opened by mistake' })).status).toBe(202);
    await eventually(async () => {
      const read = await api('GET', `/api/instances/${started.body.id}`, world.adminToken);
      return read.body.state === 'cancelled' ? read : undefined;
    });
    const again = await api('POST', path, world.adminToken, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
  });
});
