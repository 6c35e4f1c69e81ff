import { buildWorld, call, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, message, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/**
 * Cases belong to students (docs/student-cases.md): the case key, one open case per student and
 * process, message starts keyed like Zeebe's, the student's file, and the start-case handler.
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

async function deploy(xml: string): Promise<void> {
  const deployed = await api('POST', '/api/definitions', { xml });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
}

/** A one-task process a person starts (none start) or a message does (`messageName`). */
function caseProcess(key: string, messageName: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="start" />
     <bpmn:startEvent id="on-alarm"><bpmn:messageEventDefinition messageRef="m-alarm" /></bpmn:startEvent>
     ${userTask('assess', { groups: 'psychTeacher' })}
     <bpmn:endEvent id="end" />`,
    {
      roots: message('m-alarm', messageName),
      flows: [...chain('start', 'assess', 'end'), ...chain('on-alarm', 'assess')],
    },
  );
}

async function student(classId: string, studentNo: string): Promise<string> {
  const created = await api('POST', '/api/students', { orgUnitId: classId, studentNo, name: '王小明' });
  if (created.status !== 201) throw new Error(`student: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

describe("a student's case", () => {
  it('is keyed <schoolCode>-<studentNo>, and a second open case of the process answers 409 naming the first', async () => {
    // given
    const key = `student-case-${unique()}`;
    await deploy(caseProcess(key, `alarm-${unique()}`));
    const studentNo = `n${unique()}`;
    const studentId = await student(world.units.classA, studentNo);
    // when
    const first = await api(
      'POST',
      '/api/instances',
      { definitionKey: key, studentId, variables: { source: 'teacher' } },
      world.psychA.token,
    );
    // then it lives at the student's class, keyed by school code (sa) and number
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      studentId,
      orgUnitId: world.units.classA,
      businessKey: `sa-${studentNo}`,
      variables: { source: 'teacher', caseKey: `sa-${studentNo}` },
    });

    // when the same student gets a second case of the process
    const second = await api('POST', '/api/instances', { definitionKey: key, studentId }, world.psychA.token);
    // then 409 names the open case, and nothing was started
    expect(second.status).toBe(409);
    expect(second.contentType).toContain('application/problem+json');
    expect(second.body.openInstanceId).toBe(first.body.id);
    expect(second.body.detail).toContain(first.body.id);
    const cases = await api('GET', `/api/instances?definitionKey=${key}`);
    expect(cases.body.items.map((c: any) => c.id)).toEqual([first.body.id]);

    // when a business key other than the student's is sent
    const other = await api(
      'POST',
      '/api/instances',
      { definitionKey: key, studentId, businessKey: 'x-1' },
      world.psychA.token,
    );
    // then it is a 400 naming the field
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([expect.objectContaining({ path: 'businessKey' })]);

    // when the first case is cancelled, a new one may start
    expect((await api('POST', `/api/instances/${first.body.id}/cancel`, { reason: '重复登记' })).status).toBe(
      202,
    );
    const again = await api('POST', '/api/instances', { definitionKey: key, studentId }, world.psychA.token);
    expect(again.status).toBe(201);
  });

  it('no longer counts a sealed case (closed, waiting out its retention) as open', async () => {
    // given a process that seals its file and then waits, as crisis-care does after closure
    const key = `sealed-then-wait-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:serviceTask id="seal-file" name="封存档案">
           <bpmn:extensionElements><zeebe:taskDefinition type="seal-case" /></bpmn:extensionElements>
         </bpmn:serviceTask>
         ${userTask('retention', { groups: 'principal' })}
         <bpmn:endEvent id="end" />`,
        { flows: chain('start', 'seal-file', 'retention', 'end') },
      ),
    );
    const studentId = await student(world.units.classA, `n${unique()}`);
    const first = await api('POST', '/api/instances', { definitionKey: key, studentId }, world.psychA.token);
    expect(first.status).toBe(201);
    await eventually(async () => {
      const read = await api('GET', `/api/instances/${first.body.id}`);
      return read.status === 403 ? true : undefined;
    });
    // when the student needs a new case while the sealed one waits
    const second = await api('POST', '/api/instances', { definitionKey: key, studentId }, world.psychA.token);
    // then it starts
    expect([second.status, second.body.detail]).toEqual([201, undefined]);
  });

  it('is one of one even when two starts race', async () => {
    // given
    const key = `student-race-${unique()}`;
    await deploy(caseProcess(key, `alarm-${unique()}`));
    const studentId = await student(world.units.classA, `n${unique()}`);
    // when
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        api('POST', '/api/instances', { definitionKey: key, studentId }, world.psychA.token),
      ),
    );
    // then exactly one started, the others name it
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.body.id;
    for (const loser of answers.filter((a) => a.status === 409))
      expect(loser.body.openInstanceId).toBe(winner);
  });

  it('takes a student number once per school, not once per class', async () => {
    // given
    const studentNo = `n${unique()}`;
    await student(world.units.classA, studentNo);
    const gradeA8 = await api('POST', '/api/org-units', {
      parentId: world.units.schoolA,
      kind: 'grade',
      code: `g8${unique()}`,
      name: '八年级',
    });
    const classA8 = await api('POST', '/api/org-units', {
      parentId: gradeA8.body.id,
      kind: 'class',
      code: 'k1',
      name: '1班',
    });
    // when the number is registered in another class of the same school, and in another school
    const sameSchool = await api('POST', '/api/students', {
      orgUnitId: classA8.body.id,
      studentNo,
      name: '李四',
    });
    const otherSchool = await api('POST', '/api/students', {
      orgUnitId: world.units.classB,
      studentNo,
      name: '张三',
    });
    // then
    expect(sameSchool.status).toBe(409);
    expect(otherSchool.status).toBe(201);
  });
});

describe('a message start keyed by a case key', () => {
  it("starts the student's case at their class, and no second one while it is open", async () => {
    // given
    const key = `alarm-start-${unique()}`;
    const name = `acute-${unique()}`;
    await deploy(caseProcess(key, name));
    const studentNo = `n${unique()}`;
    const studentId = await student(world.units.classA, studentNo);
    // when the message names the student's case key
    const sent = await api(
      'POST',
      '/api/messages',
      { name, correlationKey: `sa-${studentNo}`, variables: { source: 'other' } },
      world.psychA.token,
    );
    // then a case starts as the student's
    expect(sent.status).toBe(200);
    expect(sent.body.correlatedInstances).toHaveLength(1);
    const started = await api('GET', `/api/instances/${sent.body.correlatedInstances[0]}`);
    expect(started.body).toMatchObject({
      studentId,
      orgUnitId: world.units.classA,
      businessKey: `sa-${studentNo}`,
    });

    // when the message comes again while that case is open
    const again = await api(
      'POST',
      '/api/messages',
      { name, correlationKey: `sa-${studentNo}` },
      world.psychA.token,
    );
    // then no second case starts (the open one does not wait for it: nothing is reached)
    expect(again.body.correlatedInstances).toEqual([]);
    expect((await api('GET', `/api/instances?definitionKey=${key}`)).body.items).toHaveLength(1);
  });

  it("never places a case at another school's student, whatever the key says", async () => {
    // given a student of school B, and school A's psychology teacher who cannot see them
    const key = `alarm-scope-${unique()}`;
    const name = `acute-${unique()}`;
    await deploy(caseProcess(key, name));
    const studentNo = `n${unique()}`;
    await student(world.units.classB, studentNo);
    // when school A's teacher sends school B's key
    const sent = await api(
      'POST',
      '/api/messages',
      { name, correlationKey: `sb-${studentNo}`, orgUnitId: world.units.classA },
      world.psychA.token,
    );
    // then a case starts at the sender's unit, for no student
    expect(sent.status).toBe(200);
    const started = await api('GET', `/api/instances/${sent.body.correlatedInstances[0]}`);
    expect(started.body).toMatchObject({ studentId: null, orgUnitId: world.units.classA });
  });
});

describe("the student's file (一生一档)", () => {
  it('lists every case of the student and their histories as one chronology, for those who see the student', async () => {
    // given two cases of one student, one after the other
    const studentId = await student(world.units.classA, `n${unique()}`);
    const keyA = `file-a-${unique()}`;
    const keyB = `file-b-${unique()}`;
    await deploy(caseProcess(keyA, `m-${unique()}`));
    await deploy(caseProcess(keyB, `m-${unique()}`));
    const first = await api('POST', '/api/instances', { definitionKey: keyA, studentId }, world.psychA.token);
    expect(
      (await api('POST', `/api/instances/${first.body.id}/cancel`, { reason: '转为新流程' })).status,
    ).toBe(202);
    const second = await api(
      'POST',
      '/api/instances',
      { definitionKey: keyB, studentId },
      world.psychA.token,
    );
    // when
    const file = await api('GET', `/api/students/${studentId}/file`, undefined, world.psychA.token);
    // then
    expect(file.status).toBe(200);
    expect(file.body.student).toMatchObject({ id: studentId, name: '王小明' });
    expect(file.body.cases.map((c: any) => [c.id, c.state])).toEqual([
      [first.body.id, 'cancelled'],
      [second.body.id, 'active'],
    ]);
    const events = file.body.events as any[];
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    const firstOfSecond = events.findIndex((e) => e.instanceId === second.body.id);
    const lastOfFirst = events.map((e) => e.instanceId).lastIndexOf(first.body.id);
    expect(lastOfFirst).toBeLessThan(firstOfSecond);
    expect(events).toContainEqual(
      expect.objectContaining({ instanceId: first.body.id, definitionKey: keyA, type: 'instance.cancelled' }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ instanceId: second.body.id, definitionKey: keyB, elementId: 'assess' }),
    );

    // paging: a small page then the rest give the same events
    const page1 = await api('GET', `/api/students/${studentId}/file?limit=3`, undefined, world.psychA.token);
    const page2 = await api(
      'GET',
      `/api/students/${studentId}/file?limit=500&cursor=${page1.body.nextCursor}`,
      undefined,
      world.psychA.token,
    );
    expect([...page1.body.events, ...page2.body.events]).toEqual(events);

    // when another school's psychology teacher asks
    const outside = await api('GET', `/api/students/${studentId}/file`, undefined, world.psychB.token);
    // then the student does not exist for them
    expect(outside.status).toBe(404);
  });
});

describe('the start-case handler', () => {
  it("opens the student's case from another case, once, and refuses a student of another school", async () => {
    // given a campaign-like process that starts a case for the student it names
    const target = `target-${unique()}`;
    const campaign = `campaign-${unique()}`;
    await deploy(caseProcess(target, `m-${unique()}`));
    await deploy(
      diagram(
        campaign,
        `<bpmn:startEvent id="start" />
         <bpmn:serviceTask id="open-case" name="发起个案">
           <bpmn:extensionElements>
             <zeebe:taskDefinition type="start-case" retries="1" />
             <zeebe:taskHeaders>
               <zeebe:header key="process" value="${target}" />
               <zeebe:header key="at" value="student" />
             </zeebe:taskHeaders>
             <zeebe:ioMapping><zeebe:input source="={source: &quot;screening&quot;}" target="caseVariables" /></zeebe:ioMapping>
           </bpmn:extensionElements>
         </bpmn:serviceTask>
         ${userTask('review', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" />`,
        { flows: chain('start', 'open-case', 'review', 'end') },
      ),
    );
    const studentNo = `n${unique()}`;
    const studentId = await student(world.units.classA, studentNo);
    // when a school-level campaign runs for the student
    const run = await api(
      'POST',
      '/api/instances',
      { definitionKey: campaign, orgUnitId: world.units.schoolA, variables: { studentId } },
      world.psychA.token,
    );
    expect(run.status).toBe(201);
    // then the student's case is open, keyed and started with the given variables
    const opened = await eventually(async () => {
      const list = await api('GET', `/api/instances?definitionKey=${target}`);
      return list.body.items.length > 0 ? list.body.items : undefined;
    });
    expect(opened).toHaveLength(1);
    // the handler does not wait for the new case's first step: read it once it is written
    const detail = await eventually(async () => {
      const read = await api('GET', `/api/instances/${opened[0].id}`);
      return read.body.variables?.caseKey ? read : undefined;
    });
    expect(detail.body).toMatchObject({
      studentId,
      orgUnitId: world.units.classA,
      businessKey: `sa-${studentNo}`,
      variables: { source: 'screening', caseKey: `sa-${studentNo}` },
    });
    const campaignCase = await eventually(async () => {
      const c = await api('GET', `/api/instances/${run.body.id}`);
      return c.body.variables.startedCases ? c.body : undefined;
    });
    expect(campaignCase.variables).toMatchObject({ startedCases: [opened[0].id], existingCases: [] });

    // when a second campaign names the same student while their case is open
    const rerun = await api(
      'POST',
      '/api/instances',
      { definitionKey: campaign, orgUnitId: world.units.schoolA, variables: { studentId } },
      world.psychA.token,
    );
    const second = await eventually(async () => {
      const c = await api('GET', `/api/instances/${rerun.body.id}`);
      return c.body.variables.existingCases ? c.body : undefined;
    });
    // then no second case opens: the open one is named
    expect(second.variables).toMatchObject({ startedCases: [], existingCases: [opened[0].id] });
    expect((await api('GET', `/api/instances?definitionKey=${target}`)).body.items).toHaveLength(1);

    // when a campaign of school A names a student of school B
    const foreign = await student(world.units.classB, `n${unique()}`);
    const stray = await api(
      'POST',
      '/api/instances',
      { definitionKey: campaign, orgUnitId: world.units.schoolA, variables: { studentId: foreign } },
      world.psychA.token,
    );
    // then it is an incident at the service task, and school B's student has no case
    const incident = await eventually(async () => {
      const c = await api('GET', `/api/instances/${stray.body.id}`);
      return c.body.incidents.length > 0 ? c.body.incidents[0] : undefined;
    });
    expect(incident).toMatchObject({ elementId: 'open-case' });
    expect(incident.message).toContain('is not at');
    const foreignCases = await api('GET', `/api/instances?definitionKey=${target}`);
    expect(foreignCases.body.items.every((c: any) => c.studentId !== foreign)).toBe(true);
  });

  it('opens one case at every school under the unit', async () => {
    // given
    const perSchool = `per-school-${unique()}`;
    const fanOut = `fan-out-${unique()}`;
    await deploy(caseProcess(perSchool, `m-${unique()}`));
    await deploy(
      diagram(
        fanOut,
        `<bpmn:startEvent id="start" />
         <bpmn:serviceTask id="open-reports" name="为各校发起">
           <bpmn:extensionElements>
             <zeebe:taskDefinition type="start-case" />
             <zeebe:taskHeaders>
               <zeebe:header key="process" value="${perSchool}" />
               <zeebe:header key="at" value="schools" />
             </zeebe:taskHeaders>
           </bpmn:extensionElements>
         </bpmn:serviceTask>
         <bpmn:endEvent id="end" />`,
        { flows: chain('start', 'open-reports', 'end') },
      ),
    );
    // when the district runs it
    const run = await api('POST', '/api/instances', {
      definitionKey: fanOut,
      orgUnitId: world.units.district,
    });
    expect(run.status).toBe(201);
    // then each of the district's two schools has its case, at the school
    const opened = await eventually(async () => {
      const list = await api('GET', `/api/instances?definitionKey=${perSchool}`);
      return list.body.items.length >= 2 ? list.body.items : undefined;
    });
    expect(opened.map((c: any) => c.orgUnitId).sort()).toEqual(
      [world.units.schoolA, world.units.schoolB].sort(),
    );
  });
});
