import { JOB_TYPES } from '../../libs/bpmn/src';
import { buildWorld, call, eventually, fixture, unique, type World } from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * Tier 2 (issue 8): link events, message throw and end events (jobs, as in Camunda 8) and
 * job-worker user tasks with embedded forms, as Camunda Modeler wrote them before 8.6.
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

async function startCase(key: string, variables: Record<string, unknown> = {}): Promise<string> {
  const started = await api('POST', '/api/instances', {
    definitionKey: key,
    orgUnitId: world.units.classA,
    variables,
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.id as string;
}

async function openTask(instanceId: string, elementId: string): Promise<any> {
  const listed = await eventually(async () => {
    const tasks = await api(
      'GET',
      `/api/tasks?instanceId=${instanceId}&state=open`,
      undefined,
      world.psychA.token,
    );
    return (tasks.body.items as any[]).find((task) => task.elementId === elementId);
  });
  return (await api('GET', `/api/tasks/${listed.id}`, undefined, world.psychA.token)).body;
}

async function notifiedAbout(instanceId: string): Promise<string[]> {
  const mine = await api('GET', '/api/notifications', undefined, world.psychA.token);
  return (mine.body.items as any[])
    .filter((notice) => notice.instanceId === instanceId && notice.kind === 'notify')
    .map((notice) => notice.title as string);
}

describe('a Camunda Modeler diagram with job-worker user tasks, a link and a message end event', () => {
  it('deploys with a warning for the custom form key, shows the embedded form, and runs to its end', async () => {
    // given
    const xml = fixture('camunda-modeler/job-worker-user-task.bpmn');
    // when
    const deployed = await api('POST', '/api/definitions', { xml });
    // then
    expect([deployed.status, deployed.body.errors]).toEqual([201, undefined]);
    expect(deployed.body.warnings).toEqual([
      expect.objectContaining({
        elementId: 'Activity_2rec001',
        message: expect.stringContaining("custom form key 'app:check-in-record'"),
      }),
    ]);

    // when a case starts
    const id = await startCase('student-check-in');
    const checkIn = await openTask(id, 'Activity_1chk001');
    // then the task carries the embedded form, as a formId task carries its deployed one
    expect(checkIn).toMatchObject({ formId: null, formKey: 'camunda-forms:bpmn:UserTaskForm_1a2b3c' });
    expect(checkIn.form).toMatchObject({
      id: 'check-in-form',
      components: [expect.objectContaining({ key: 'mood' }), expect.objectContaining({ key: 'talkedTo' })],
    });

    // when it is completed, the link leads on to the next task
    const done = await api(
      'POST',
      `/api/tasks/${checkIn.id}/complete`,
      { variables: { mood: 'ok', talkedTo: 2 } },
      world.psychA.token,
    );
    expect(done.status).toBe(200);
    const record = await openTask(id, 'Activity_2rec001');
    // then the task with a custom key keeps it, and has no form to show
    expect(record).toMatchObject({ formKey: 'app:check-in-record', form: null });
    expect((await getInstance(id)).variables).toEqual({ mood: 'ok', talkedTo: 2 });

    // when the last task is done, the message end event's job (notify) runs and the case ends
    await api('POST', `/api/tasks/${record.id}/complete`, { variables: {} }, world.psychA.token);
    await eventually(async () => ((await getInstance(id)).state === 'completed' ? true : undefined), 30_000);
    expect(await notifiedAbout(id)).toEqual(['Check-in recorded']);
  });

  it('refuses a formKey that names no embedded form, naming the user task', async () => {
    // given
    const key = `missing-form-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:userTask id="talk"><bpmn:extensionElements>
         <zeebe:formDefinition formKey="camunda-forms:bpmn:Nowhere" />
         <zeebe:assignmentDefinition candidateGroups="psychTeacher" />
       </bpmn:extensionElements></bpmn:userTask>
       <bpmn:endEvent id="end" />`,
      { flows: chain('start', 'talk', 'end') },
    );
    // when
    const deployed = await api('POST', '/api/definitions', { xml });
    // then
    expect(deployed.status).toBe(400);
    expect(deployed.body.errors).toEqual([
      expect.objectContaining({
        elementId: 'talk',
        message: `Expected a zeebe:userTaskForm with id 'Nowhere' in process '${key}': user task 'talk' links it by formKey 'camunda-forms:bpmn:Nowhere'`,
      }),
    ]);
  });
});

describe('message intermediate throw events', () => {
  it('run a job of their type (notify) with its headers, then the case goes on', async () => {
    // given
    const key = `tell-guardian-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateThrowEvent id="tell">
         <bpmn:extensionElements>
           <zeebe:taskDefinition type="notify" retries="2" />
           <zeebe:taskHeaders><zeebe:header key="recipients" value="psychTeacher" /><zeebe:header key="title" value="Guardian told" /></zeebe:taskHeaders>
         </bpmn:extensionElements>
         <bpmn:messageEventDefinition />
       </bpmn:intermediateThrowEvent>
       ${userTask('follow-up', { groups: 'psychTeacher' })}
       <bpmn:endEvent id="end" />`,
      { flows: chain('start', 'tell', 'follow-up', 'end') },
    );
    expect((await api('POST', '/api/definitions', { xml })).status).toBe(201);
    // when
    const id = await startCase(key);
    // then
    await openTask(id, 'follow-up');
    expect(await notifiedAbout(id)).toEqual(['Guardian told']);
  });

  it('are refused without a job type, naming the element and saying to set one', async () => {
    // given
    const key = `no-job-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="end" />`,
      { flows: chain('start', 'tell', 'end') },
    );
    // when
    const deployed = await api('POST', '/api/definitions', { xml });
    // then
    expect(deployed.status).toBe(400);
    expect(deployed.body.errors).toEqual([
      {
        elementId: 'tell',
        elementType: 'bpmn:IntermediateThrowEvent',
        code: 'job.missingType',
        params: { element: { code: 'element.unnamed', params: { id: 'tell' } }, known: JOB_TYPES.join(', ') },
        message: `Expected a job type on 'tell': set zeebe:taskDefinition type (one of: ${JOB_TYPES.join(', ')})`,
      },
    ]);
  });
});

describe('link events', () => {
  it('lead back to an earlier catch in the same scope: a loop drawn without a crossing flow', async () => {
    // given: after "review", a link goes back to "again" until reviewed twice
    const key = `link-loop-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateCatchEvent id="again"><bpmn:linkEventDefinition name="again" /></bpmn:intermediateCatchEvent>
       ${userTask('review', { groups: 'psychTeacher' })}
       <bpmn:exclusiveGateway id="enough" default="to-end" />
       <bpmn:intermediateThrowEvent id="go-again"><bpmn:linkEventDefinition name="again" /></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="end" />`,
      {
        flows: [
          ...chain('start', 'review', 'enough'),
          ...chain('again', 'review'),
          `<bpmn:sequenceFlow id="to-again" sourceRef="enough" targetRef="go-again"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=rounds &lt; 2</bpmn:conditionExpression></bpmn:sequenceFlow>`,
          `<bpmn:sequenceFlow id="to-end" sourceRef="enough" targetRef="end" />`,
        ],
      },
    );
    expect((await api('POST', '/api/definitions', { xml })).status).toBe(201);
    const id = await startCase(key, { rounds: 0 });
    // when reviewed once
    const first = await openTask(id, 'review');
    await api('POST', `/api/tasks/${first.id}/complete`, { variables: { rounds: 1 } }, world.psychA.token);
    // then the link led back to the review
    const second = await eventually(async () => {
      const task = await openTask(id, 'review');
      return task.id !== first.id ? task : undefined;
    });
    // when reviewed again
    await api('POST', `/api/tasks/${second.id}/complete`, { variables: { rounds: 2 } }, world.psychA.token);
    // then the case ends; its trail shows the jump
    await eventually(async () => ((await getInstance(id)).state === 'completed' ? true : undefined));
    const history = (await api('GET', `/api/instances/${id}/history`)).body.items as any[];
    const entered = history
      .filter((entry) => entry.type === 'element.entered')
      .map((entry) => entry.elementId);
    expect(entered).toEqual(['start', 'review', 'enough', 'go-again', 'again', 'review', 'enough', 'end']);
  });

  it('are refused when a throw has no catch of its name in its scope, naming the throw', async () => {
    // given
    const key = `link-nowhere-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateThrowEvent>`,
      { flows: chain('start', 'jump') },
    );
    // when
    const deployed = await api('POST', '/api/definitions', { xml });
    // then
    expect(deployed.status).toBe(400);
    expect(deployed.body.errors).toEqual([
      expect.objectContaining({
        elementId: 'jump',
        message: `Expected a link catch event named 'nowhere' in '${key}', the scope of link throw event 'jump'`,
      }),
    ]);
  });
});
