import { buildWorld, call, unique, type World } from '../support/api-client';
import { chain, diagram, flow, message, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/**
 * Tier-1 elements end to end over HTTP, on the real Temporal server and PostgreSQL: each test
 * deploys a small diagram, starts a case and drives it the way users and outside systems do.
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
  if (deployed.status !== 201 && deployed.status !== 200) {
    throw new Error(`deploy failed: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  }
}

async function start(key: string, variables: Record<string, unknown> = {}): Promise<any> {
  const started = await api(
    'POST',
    '/api/instances',
    { definitionKey: key, orgUnitId: world.units.classA, variables },
    world.psychA.token,
  );
  if (started.status !== 201)
    throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body;
}

const getInstance = async (id: string): Promise<any> => (await api('GET', `/api/instances/${id}`)).body;

async function openTasks(instanceId: string): Promise<any[]> {
  const tasks = await api('GET', `/api/tasks?instanceId=${instanceId}&state=open`);
  return tasks.body.items;
}

async function completeTask(instanceId: string, elementId: string, variables: Record<string, unknown> = {}) {
  const task = (await openTasks(instanceId)).find((open) => open.elementId === elementId);
  if (!task) throw new Error(`no open task at ${elementId}`);
  const done = await api('POST', `/api/tasks/${task.id}/complete`, { variables }, world.psychA.token);
  if (done.status !== 200) throw new Error(`complete failed: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body;
}

/** Polls until the check passes: timers and activities finish on their own time. */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const active = (instance: any): string[] => instance.activeElements.map((a: any) => a.elementId).sort();

async function history(id: string): Promise<any[]> {
  return (await api('GET', `/api/instances/${id}/history?limit=500`)).body.items;
}

describe('timers', () => {
  it('fires a repeating non-interrupting reminder twice, then waits on an intermediate timer', async () => {
    // given a task with a reminder every second, twice, that notifies the psychology teacher
    const key = `reminders-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         ${userTask('review', { groups: 'psychTeacher' })}
         <bpmn:boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false">
           <bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition>
         </bpmn:boundaryEvent>
         <bpmn:serviceTask id="notify-reviewer" name="Remind">
           <bpmn:extensionElements>
             <zeebe:taskDefinition type="notify" />
             <zeebe:taskHeaders><zeebe:header key="recipients" value="psychTeacher" /></zeebe:taskHeaders>
           </bpmn:extensionElements>
         </bpmn:serviceTask>
         <bpmn:endEvent id="reminded" />
         <bpmn:intermediateCatchEvent id="cool-down">
           <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
         </bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />`,
        {
          flows: [
            ...chain('start', 'review', 'cool-down', 'end'),
            ...chain('reminder', 'notify-reviewer', 'reminded'),
          ],
        },
      ),
    );
    const before = (await api('GET', '/api/notifications', undefined, world.psychA.token)).body.items.length;

    // when the case waits at the task for more than two seconds
    const started = await start(key);
    const reminders = await eventually(
      () => history(started.id),
      (entries) => entries.filter((entry) => entry.type === 'timer.fired').length >= 2,
    );

    // then two reminders fired, each notified the teacher without any case content
    expect(reminders.filter((entry) => entry.type === 'timer.fired')).toHaveLength(2);
    const notifications = await eventually(
      async () => (await api('GET', '/api/notifications', undefined, world.psychA.token)).body.items,
      (items: any[]) => items.length >= before + 2,
    );
    expect(JSON.stringify(notifications)).not.toContain('secret');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await history(started.id)).filter((entry) => entry.type === 'timer.fired')).toHaveLength(2);

    // when the task is completed, the case waits a second at the timer, then completes
    await completeTask(started.id, 'review');
    expect(active(await getInstance(started.id))).toEqual(['cool-down']);
    const done = await eventually(
      () => getInstance(started.id),
      (instance) => instance.state === 'completed',
    );
    expect(done.activeElements).toEqual([]);
  });

  it('an interrupting timer boundary cancels the task and escalates', async () => {
    // given
    const key = `escalate-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         ${userTask('first-contact', { groups: 'psychTeacher' })}
         <bpmn:boundaryEvent id="overdue" attachedToRef="first-contact">
           <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
         </bpmn:boundaryEvent>
         ${userTask('escalated', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-escalated" />`,
        {
          flows: [
            ...chain('start', 'first-contact', 'end'),
            ...chain('overdue', 'escalated', 'end-escalated'),
          ],
        },
      ),
    );
    // when
    const started = await start(key);
    const escalated = await eventually(
      () => getInstance(started.id),
      (instance) => active(instance).includes('escalated'),
    );
    // then
    expect(active(escalated)).toEqual(['escalated']);
    const cancelled = await api('GET', `/api/tasks?instanceId=${started.id}&state=cancelled`);
    expect(cancelled.body.items.map((task: any) => task.elementId)).toEqual(['first-contact']);
  });
});

describe('messages', () => {
  const roots = [
    message('m-feedback', 'hospital-feedback', '=caseKey'),
    message('m-call', 'parent-call', '=caseKey'),
    message('m-withdrawn', 'case-withdrawn', '=caseKey'),
  ].join('\n');
  const xml = (key: string) =>
    diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:parallelGateway id="fork" />
       <bpmn:receiveTask id="await-feedback" messageRef="m-feedback" />
       ${userTask('monitor', { groups: 'psychTeacher' })}
       <bpmn:boundaryEvent id="parent-called" attachedToRef="monitor" cancelActivity="false">
         <bpmn:messageEventDefinition messageRef="m-call" />
       </bpmn:boundaryEvent>
       ${userTask('call-back', { groups: 'psychTeacher' })}
       <bpmn:endEvent id="called-back" />
       <bpmn:parallelGateway id="join" />
       <bpmn:endEvent id="end" />
       <bpmn:subProcess id="withdrawal" triggeredByEvent="true">
         <bpmn:startEvent id="withdrawn"><bpmn:messageEventDefinition messageRef="m-withdrawn" /></bpmn:startEvent>
         <bpmn:endEvent id="closed-early" />
         ${flow('withdrawn', 'closed-early')}
       </bpmn:subProcess>`,
      {
        roots,
        flows: [
          flow('start', 'fork'),
          ...chain('fork', 'await-feedback', 'join'),
          ...chain('fork', 'monitor', 'join'),
          flow('join', 'end'),
          ...chain('parent-called', 'call-back', 'called-back'),
        ],
      },
    );

  it('correlates by key: a receive task, a non-interrupting boundary twice, then the case completes', async () => {
    // given
    const key = `messages-${unique()}`;
    await deploy(xml(key));
    const caseKey = `k-${unique()}`;
    const other = await start(key, { caseKey: `other-${unique()}` });
    const started = await start(key, { caseKey });

    // when a parent calls twice and the hospital answers
    for (let call = 0; call < 2; call += 1) {
      const sent = await api('POST', '/api/messages', { name: 'parent-call', correlationKey: caseKey });
      expect(sent.status).toBe(200);
      expect(sent.body.correlatedInstances).toEqual([started.id]);
    }
    const feedback = await api('POST', '/api/messages', {
      name: 'hospital-feedback',
      correlationKey: caseKey,
      variables: { admitted: false },
    });
    expect(feedback.body.correlatedInstances).toEqual([started.id]);

    // then two call-backs are open, the monitor goes on, and the payload is a case variable
    const instance = await getInstance(started.id);
    expect(active(instance)).toEqual(['call-back', 'call-back', 'join', 'monitor']);
    expect(instance.variables).toMatchObject({ admitted: false });
    expect(active(await getInstance(other.id))).toEqual(['await-feedback', 'monitor']);

    // when the work is done, the case completes
    await completeTask(started.id, 'monitor');
    await completeTask(started.id, 'call-back');
    await completeTask(started.id, 'call-back');
    expect((await getInstance(started.id)).state).toBe('completed');
  });

  it('an interrupting event sub-process ends everything else in the case', async () => {
    // given
    const key = `withdraw-${unique()}`;
    await deploy(xml(key));
    const caseKey = `k-${unique()}`;
    const started = await start(key, { caseKey });
    // when
    const sent = await api('POST', '/api/messages', { name: 'case-withdrawn', correlationKey: caseKey });
    // then
    expect(sent.body.correlatedInstances).toEqual([started.id]);
    const instance = await getInstance(started.id);
    expect(instance.state).toBe('completed');
    expect(await openTasks(started.id)).toEqual([]);
    expect((await history(started.id)).map((entry) => entry.elementId)).toContain('closed-early');
  });

  it('keeps a message with a time to live until a case subscribes, then delivers it once', async () => {
    // given a message that comes before the case waits for it
    const key = `early-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         ${userTask('prepare', { groups: 'psychTeacher' })}
         <bpmn:intermediateCatchEvent id="await-report"><bpmn:messageEventDefinition messageRef="m-report" /></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />`,
        {
          roots: message('m-report', 'school-report', '=caseKey'),
          flows: chain('start', 'prepare', 'await-report', 'end'),
        },
      ),
    );
    const caseKey = `k-${unique()}`;
    const started = await start(key, { caseKey });
    const early = await api('POST', '/api/messages', {
      name: 'school-report',
      correlationKey: caseKey,
      variables: { reportReceived: true },
      timeToLive: 'PT1M',
    });
    expect(early.body).toEqual({ correlatedInstances: [], buffered: true });
    // when the case reaches the catch event
    await completeTask(started.id, 'prepare');
    // then the buffered message completes it
    const done = await eventually(
      () => getInstance(started.id),
      (instance) => instance.state === 'completed',
    );
    expect(done.variables).toMatchObject({ reportReceived: true });
  });
});

describe('incidents and errors', () => {
  it('a FEEL error at a gateway is an incident; fixing the variable and retrying goes on', async () => {
    // given
    const key = `incident-${unique()}`;
    await deploy(
      diagram(
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
    );
    // when the score is missing
    const started = await start(key, {});
    // then the case stops at the gateway with an incident
    const stuck = await getInstance(started.id);
    expect(stuck.state).toBe('incident'); // docs/api.md: a running case with an open incident
    expect(stuck.incidents).toEqual([
      expect.objectContaining({ elementId: 'risk', message: expect.stringContaining('score') }),
    ]);
    const listed = await api('GET', '/api/instances?state=incident');
    expect(listed.body.items.map((item: any) => item.id)).toContain(started.id);
    const incidents = await api('GET', `/api/incidents?instanceId=${started.id}`);
    expect(incidents.body.items).toHaveLength(1);

    // when a supervisor sets the score and retries
    const retried = await api('POST', `/api/incidents/${incidents.body.items[0].id}/retry`, {
      variables: { score: 9 },
    });
    expect(retried.status).toBe(202);

    // then the case goes on the way the fixed value says
    const fixed = await eventually(
      () => getInstance(started.id),
      (instance) => instance.incidents.length === 0,
    );
    expect(active(fixed)).toEqual(['urgent']);
    expect((await api('GET', `/api/incidents?instanceId=${started.id}`)).body.items).toEqual([]);
  });

  it('an error end event in a sub-process is caught by its boundary; an uncaught one is an incident', async () => {
    // given
    const key = `errors-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="referral">
           <bpmn:startEvent id="referral-start" />
           <bpmn:exclusiveGateway id="accepted" default="to-refused" />
           <bpmn:endEvent id="refused"><bpmn:errorEventDefinition errorRef="e-refused" /></bpmn:endEvent>
           <bpmn:endEvent id="uncaught"><bpmn:errorEventDefinition errorRef="e-other" /></bpmn:endEvent>
           <bpmn:endEvent id="referred" />
           ${flow('referral-start', 'accepted')}
           ${flow('accepted', 'referred', { condition: '=hospital = "accepted"' })}
           ${flow('accepted', 'uncaught', { condition: '=hospital = "unknown"' })}
           ${flow('accepted', 'refused', { id: 'to-refused' })}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="on-refused" attachedToRef="referral"><bpmn:errorEventDefinition errorRef="e-refused" /></bpmn:boundaryEvent>
         ${userTask('find-another', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-2" />`,
        {
          roots:
            '<bpmn:error id="e-refused" errorCode="REFUSED" /><bpmn:error id="e-other" errorCode="OTHER" />',
          flows: [...chain('start', 'referral', 'end'), ...chain('on-refused', 'find-another', 'end-2')],
        },
      ),
    );
    // when / then: refused is caught
    const refused = await start(key, { hospital: 'full' });
    expect(active(await getInstance(refused.id))).toEqual(['find-another']);
    // when / then: accepted completes
    expect((await getInstance((await start(key, { hospital: 'accepted' })).id)).state).toBe('completed');
    // when / then: an error nobody catches is an incident at its end event
    const uncaught = await getInstance((await start(key, { hospital: 'unknown' })).id);
    expect(uncaught.incidents).toEqual([expect.objectContaining({ elementId: 'uncaught' })]);
  });
});

describe('gateways, scripts, sub-processes and multi-instance', () => {
  it('inclusive fork and join, a script, and a terminate end event', async () => {
    // given
    const key = `inclusive-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:inclusiveGateway id="who" />
         ${userTask('tell-parents', { groups: 'psychTeacher' })}
         ${userTask('tell-principal', { groups: 'psychTeacher' })}
         ${userTask('tell-district', { groups: 'psychTeacher' })}
         <bpmn:inclusiveGateway id="told" />
         <bpmn:scriptTask id="count"><bpmn:extensionElements><zeebe:script expression="=contacts + 1" resultVariable="contacts" /></bpmn:extensionElements></bpmn:scriptTask>
         <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>`,
        {
          flows: [
            flow('start', 'who'),
            flow('who', 'tell-parents', { condition: '=true' }),
            flow('who', 'tell-principal', { condition: '=risk = "high"' }),
            flow('who', 'tell-district', { condition: '=risk = "critical"' }),
            flow('tell-parents', 'told'),
            flow('tell-principal', 'told'),
            flow('tell-district', 'told'),
            ...chain('told', 'count', 'stop'),
          ],
        },
      ),
    );
    // when
    const started = await start(key, { risk: 'high', contacts: 0 });
    // then two branches are taken, and the join waits for both
    expect(active(await getInstance(started.id))).toEqual(['tell-parents', 'tell-principal']);
    await completeTask(started.id, 'tell-parents');
    expect(active(await getInstance(started.id))).toEqual(['tell-principal', 'told']);
    await completeTask(started.id, 'tell-principal');
    const done = await getInstance(started.id);
    expect(done.state).toBe('completed');
    expect(done.variables).toMatchObject({ contacts: 1 });
  });

  it('an event-based gateway takes the first event: the message, and the timer is dropped', async () => {
    const key = `race-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:eventBasedGateway id="wait" />
         <bpmn:intermediateCatchEvent id="answered"><bpmn:messageEventDefinition messageRef="m-answer" /></bpmn:intermediateCatchEvent>
         <bpmn:intermediateCatchEvent id="no-answer"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end-answered" /><bpmn:endEvent id="end-timeout" />`,
        {
          roots: message('m-answer', 'parent-answer', '=caseKey'),
          flows: [
            flow('start', 'wait'),
            ...chain('wait', 'answered', 'end-answered'),
            ...chain('wait', 'no-answer', 'end-timeout'),
          ],
        },
      ),
    );
    const caseKey = `k-${unique()}`;
    const started = await start(key, { caseKey });
    expect(active(await getInstance(started.id))).toEqual(['wait']);
    await api('POST', '/api/messages', { name: 'parent-answer', correlationKey: caseKey });
    const done = await getInstance(started.id);
    expect(done.state).toBe('completed');
    expect((await history(started.id)).map((entry) => entry.elementId)).toContain('end-answered');
  });

  it('parallel multi-instance: one task per item, outputs collected in order; sequential with a completion condition', async () => {
    const key = `multi-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:userTask id="interview" name="interview">
           <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="psychTeacher" /></bpmn:extensionElements>
           <bpmn:multiInstanceLoopCharacteristics>
             <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=witnesses" inputElement="witness" outputCollection="notes" outputElement="=witness + &quot;: &quot; + note" /></bpmn:extensionElements>
           </bpmn:multiInstanceLoopCharacteristics>
         </bpmn:userTask>
         <bpmn:userTask id="attempt" name="attempt">
           <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="psychTeacher" /></bpmn:extensionElements>
           <bpmn:multiInstanceLoopCharacteristics isSequential="true">
             <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3]" /></bpmn:extensionElements>
             <bpmn:completionCondition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=reached = true</bpmn:completionCondition>
           </bpmn:multiInstanceLoopCharacteristics>
         </bpmn:userTask>
         <bpmn:endEvent id="end" />`,
        { flows: chain('start', 'interview', 'attempt', 'end') },
      ),
    );
    const started = await start(key, { witnesses: ['class teacher', 'roommate'], reached: false });
    const tasks = await openTasks(started.id);
    expect(tasks.map((task) => task.elementId)).toEqual(['interview', 'interview']);
    // complete in reverse order: the collection keeps item order
    const byTask = await Promise.all(
      tasks.map(async (task) => ({
        task,
        variables: (await api('GET', `/api/tasks/${task.id}`)).body.variables,
      })),
    );
    for (const { task, variables } of byTask.reverse()) {
      const note = variables.witness === 'roommate' ? 'saw nothing' : 'worried';
      const done = await api(
        'POST',
        `/api/tasks/${task.id}/complete`,
        { variables: { note } },
        world.psychA.token,
      );
      expect(done.status).toBe(200);
    }
    const afterInterviews = await getInstance(started.id);
    expect(afterInterviews.variables.notes).toEqual(['class teacher: worried', 'roommate: saw nothing']);
    // sequential: one attempt at a time; the second reaches the family, so the third never opens
    expect((await openTasks(started.id)).map((task) => task.elementId)).toEqual(['attempt']);
    await completeTask(started.id, 'attempt', { reached: false });
    await completeTask(started.id, 'attempt', { reached: true });
    expect((await getInstance(started.id)).state).toBe('completed');
  });

  it('a call activity runs the called process as a child case and gets its variables back', async () => {
    const child = `child-${unique()}`;
    const parent = `parent-${unique()}`;
    await deploy(
      diagram(
        child,
        `<bpmn:startEvent id="start" />${userTask('hospital-visit', { groups: 'psychTeacher' })}<bpmn:endEvent id="end" />`,
        { flows: chain('start', 'hospital-visit', 'end') },
      ),
    );
    await deploy(
      diagram(
        parent,
        `<bpmn:startEvent id="start" />
         <bpmn:callActivity id="referral"><bpmn:extensionElements><zeebe:calledElement processId="${child}" /></bpmn:extensionElements></bpmn:callActivity>
         <bpmn:exclusiveGateway id="admitted" default="home" />
         ${userTask('follow-up', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-home" />`,
        {
          flows: [
            ...chain('start', 'referral', 'admitted'),
            flow('admitted', 'follow-up', { condition: '=admitted = true' }),
            flow('follow-up', 'end'),
            flow('admitted', 'end-home', { id: 'home' }),
          ],
        },
      ),
    );
    const started = await start(parent, { studentAlias: 'S-1' });
    const [childCase] = await eventually(
      async () => (await api('GET', `/api/instances?definitionKey=${child}`)).body.items,
      (items: any[]) => items.length === 1,
    );
    const childId = childCase.id;
    const waiting = await eventually(
      () => getInstance(childId),
      (instance) => active(instance).includes('hospital-visit'),
    );
    expect(waiting).toMatchObject({ parentId: started.id, orgPath: started.orgPath });
    expect(waiting.variables).toMatchObject({ studentAlias: 'S-1' });
    await completeTask(childId, 'hospital-visit', { admitted: true });
    const resumed = await eventually(
      () => getInstance(started.id),
      (instance) => active(instance).includes('follow-up'),
    );
    expect(resumed.variables).toMatchObject({ admitted: true });
  });
});

describe('errors across a call activity', () => {
  it("an error the child case does not catch goes to the call activity's boundary; the child ends", async () => {
    // given a referral process that ends with REFUSED when no bed is free, called with an error boundary
    const child = `referral-${unique()}`;
    const parent = `pathway-${unique()}`;
    await deploy(
      diagram(
        child,
        `<bpmn:startEvent id="start" />
         <bpmn:exclusiveGateway id="bed" default="no-bed" />
         <bpmn:endEvent id="admitted" />
         <bpmn:endEvent id="refused"><bpmn:errorEventDefinition errorRef="e-refused" /></bpmn:endEvent>`,
        {
          roots: '<bpmn:error id="e-refused" errorCode="REFUSED" />',
          flows: [
            flow('start', 'bed'),
            flow('bed', 'admitted', { condition: '=bedFree' }),
            flow('bed', 'refused', { id: 'no-bed' }),
          ],
        },
      ),
    );
    await deploy(
      diagram(
        parent,
        `<bpmn:startEvent id="start" />
         <bpmn:callActivity id="refer"><bpmn:extensionElements><zeebe:calledElement processId="${child}" /></bpmn:extensionElements></bpmn:callActivity>
         <bpmn:boundaryEvent id="on-refused" attachedToRef="refer"><bpmn:errorEventDefinition errorRef="e-refused" /></bpmn:boundaryEvent>
         ${userTask('find-another', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-2" />`,
        {
          roots: '<bpmn:error id="e-refused" errorCode="REFUSED" />',
          flows: [...chain('start', 'refer', 'end'), ...chain('on-refused', 'find-another', 'end-2')],
        },
      ),
    );
    // when the hospital has no bed
    const started = await start(parent, { bedFree: false });
    // then the parent goes on at its error boundary, and the child case ended
    const caught = await eventually(
      () => getInstance(started.id),
      (instance) => active(instance).includes('find-another'),
    );
    expect(caught.incidents).toEqual([]);
    const [childCase] = (await api('GET', `/api/instances?definitionKey=${child}`)).body.items;
    expect(childCase).toMatchObject({ state: 'cancelled', parentId: started.id });
    expect((await history(childCase.id)).map((entry) => entry.type)).toContain('instance.terminated');
  });
});

describe('escalations, event sub-processes and the remaining tasks', () => {
  it('escalation to a non-interrupting boundary, a timer event sub-process, an interrupting message boundary; manual, send, undefined tasks', async () => {
    // given an intervention that escalates to the principal, a check-in a second after the case
    // starts, and that ends early when the student transfers
    const key = `intervention-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="intervention">
           <bpmn:startEvent id="begin" />
           <bpmn:manualTask id="talk" />
           <bpmn:intermediateThrowEvent id="noted" />
           <bpmn:sendTask id="inform-parents">
             <bpmn:extensionElements>
               <zeebe:taskDefinition type="notify" />
               <zeebe:taskHeaders><zeebe:header key="recipients" value="psychTeacher" /></zeebe:taskHeaders>
             </bpmn:extensionElements>
           </bpmn:sendTask>
           <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="esc-principal" /></bpmn:intermediateThrowEvent>
           <bpmn:task id="wrap-up" />
           ${userTask('follow-up', { groups: 'psychTeacher' })}
           <bpmn:endEvent id="done" />
           ${chain('begin', 'talk', 'noted', 'inform-parents', 'raise', 'wrap-up', 'follow-up', 'done').join('')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="escalated" attachedToRef="intervention" cancelActivity="false">
           <bpmn:escalationEventDefinition escalationRef="esc-principal" />
         </bpmn:boundaryEvent>
         ${userTask('principal-review', { groups: 'psychTeacher' })}
         <bpmn:boundaryEvent id="transferred" attachedToRef="intervention">
           <bpmn:messageEventDefinition messageRef="m-transfer" />
         </bpmn:boundaryEvent>
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-review" /><bpmn:endEvent id="end-transferred" />
         <bpmn:subProcess id="check-in" triggeredByEvent="true">
           <bpmn:startEvent id="a-second-later" isInterrupting="false">
             <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
           </bpmn:startEvent>
           ${userTask('weekly-check', { groups: 'psychTeacher' })}
           <bpmn:endEvent id="checked" />
           ${chain('a-second-later', 'weekly-check', 'checked').join('')}
         </bpmn:subProcess>`,
        {
          roots: `<bpmn:escalation id="esc-principal" escalationCode="NEED_PRINCIPAL" />${message('m-transfer', 'student-transferred', '=caseKey')}`,
          flows: [
            ...chain('start', 'intervention', 'end'),
            ...chain('escalated', 'principal-review', 'end-review'),
            flow('transferred', 'end-transferred'),
          ],
        },
      ),
    );
    const caseKey = `k-${unique()}`;
    // when the case starts
    const started = await start(key, { caseKey });
    // then, once the send task's job is done, the escalation opened the principal's review
    // while the intervention goes on
    const escalated = await eventually(
      () => getInstance(started.id),
      (instance) => active(instance).includes('principal-review'),
    );
    expect(active(escalated)).toEqual(['follow-up', 'intervention', 'principal-review']);
    const passed = (await history(started.id)).map((entry) => entry.elementId);
    for (const element of ['talk', 'noted', 'inform-parents', 'raise', 'wrap-up', 'escalated']) {
      expect(passed).toContain(element);
    }
    // and a second later the check-in starts beside it
    await eventually(
      () => getInstance(started.id),
      (instance) => active(instance).includes('weekly-check'),
    );
    // when the student transfers, the intervention ends, its follow-up cancelled
    const sent = await api('POST', '/api/messages', { name: 'student-transferred', correlationKey: caseKey });
    expect(sent.body.correlatedInstances).toEqual([started.id]);
    expect(active(await getInstance(started.id))).toEqual(['check-in', 'principal-review', 'weekly-check']);
    const cancelled = await api('GET', `/api/tasks?instanceId=${started.id}&state=cancelled`);
    expect(cancelled.body.items.map((task: any) => task.elementId)).toEqual(['follow-up']);
    // when the remaining work is done, the case completes
    await completeTask(started.id, 'principal-review');
    await completeTask(started.id, 'weekly-check');
    expect((await getInstance(started.id)).state).toBe('completed');
  });
});

describe('error and escalation event sub-processes, a date timer', () => {
  it('an escalation end event starts a non-interrupting event sub-process; an error end event an interrupting one', async () => {
    // given a pathway whose safety check escalates (a sub-process notes it) and whose refusal is
    // an error that closes the case through an error event sub-process; and a date timer
    const key = `esp-${unique()}`;
    const inAMoment = new Date(Date.now() + 1_500).toISOString();
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="until-date">
           <bpmn:timerEventDefinition><bpmn:timeDate>${inAMoment}</bpmn:timeDate></bpmn:timerEventDefinition>
         </bpmn:intermediateCatchEvent>
         <bpmn:parallelGateway id="fork" />
         <bpmn:endEvent id="needs-attention"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>
         ${userTask('consent', { groups: 'psychTeacher' })}
         <bpmn:exclusiveGateway id="given" default="refused-flow" />
         <bpmn:endEvent id="fine" />
         <bpmn:endEvent id="refused"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
         <bpmn:subProcess id="note-escalation" triggeredByEvent="true">
           <bpmn:startEvent id="escalation-caught" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:startEvent>
           ${userTask('inform-principal', { groups: 'psychTeacher' })}
           <bpmn:endEvent id="informed" />
           ${chain('escalation-caught', 'inform-principal', 'informed').join('')}
         </bpmn:subProcess>
         <bpmn:subProcess id="close-on-refusal" triggeredByEvent="true">
           <bpmn:startEvent id="refusal-caught"><bpmn:errorEventDefinition errorRef="err" /></bpmn:startEvent>
           <bpmn:endEvent id="closed" />
           ${flow('refusal-caught', 'closed')}
         </bpmn:subProcess>`,
        {
          roots:
            '<bpmn:escalation id="esc" escalationCode="ATTENTION" /><bpmn:error id="err" errorCode="NO_CONSENT" />',
          flows: [
            ...chain('start', 'until-date', 'fork', 'needs-attention'),
            ...chain('fork', 'consent', 'given'),
            flow('given', 'fine', { condition: '=consent = true' }),
            flow('given', 'refused', { id: 'refused-flow' }),
          ],
        },
      ),
    );
    // when the date passes
    const started = await start(key);
    expect(active(await getInstance(started.id))).toEqual(['until-date']);
    const escalated = await eventually(
      () => getInstance(started.id),
      (instance) => active(instance).includes('inform-principal'),
    );
    // then the escalation started its event sub-process beside the consent task
    expect(active(escalated)).toEqual(['consent', 'inform-principal', 'note-escalation']);
    // when consent is refused, the error ends everything through its event sub-process
    await completeTask(started.id, 'consent', { consent: false });
    const closed = await getInstance(started.id);
    expect(closed.state).toBe('completed');
    expect((await history(started.id)).map((entry) => entry.elementId)).toContain('closed');
    const cancelled = await api('GET', `/api/tasks?instanceId=${started.id}&state=cancelled`);
    expect(cancelled.body.items.map((task: any) => task.elementId)).toEqual(['inform-principal']);
  });
});

describe('task assignment', () => {
  it('claim, 409 for someone else, unclaim, assign by a supervisor', async () => {
    // given a task offered to the school's psychology teacher and the class teacher
    const key = `claims-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />${userTask('talk', { groups: 'psychTeacher,classTeacher' })}<bpmn:endEvent id="end" />`,
        { flows: chain('start', 'talk', 'end') },
      ),
    );
    const started = await start(key);
    const [task] = await openTasks(started.id);
    // when the psychology teacher claims it, the class teacher cannot
    const claimed = await api('POST', `/api/tasks/${task.id}/claim`, undefined, world.psychA.token);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBe(world.psychA.username);
    const taken = await api('POST', `/api/tasks/${task.id}/claim`, undefined, world.classTeacherA.token);
    expect(taken.status).toBe(409);
    // when given back, and assigned by a supervisor to the class teacher
    const unclaimed = await api('POST', `/api/tasks/${task.id}/unclaim`, undefined, world.psychA.token);
    expect(unclaimed.status).toBe(200);
    expect(unclaimed.body.assignee).toBeNull();
    const assigned = await api('POST', `/api/tasks/${task.id}/assign`, { userId: world.classTeacherA.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe(world.classTeacherA.username);
    // then only the assignee may complete it, and every change is in the audit chain with its actor
    const notYours = await api(
      'POST',
      `/api/tasks/${task.id}/complete`,
      { variables: {} },
      world.psychA.token,
    );
    expect(notYours.status).toBe(409);
    const assignments = (await history(started.id)).filter((entry) => entry.type === 'task.assigned');
    expect(assignments.map((entry) => [entry.actor, entry.data.assignee])).toEqual([
      [world.psychA.username, world.psychA.username],
      [world.psychA.username, null],
      ['admin', world.classTeacherA.username],
    ]);
  });
});

describe('start events', () => {
  it('a timer start event (cycle) starts a case at each firing, as many times as the cycle says', async () => {
    // given a screening reminder process that starts a case every second, three times
    const key = `screening-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="every-second"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
         <bpmn:startEvent id="manual" />
         ${userTask('screen', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" />`,
        { flows: [...chain('every-second', 'screen', 'end'), flow('manual', 'screen')] },
      ),
    );
    // when time passes
    const cases = await eventually(
      async () => (await api('GET', `/api/instances?definitionKey=${key}`)).body.items,
      (items: any[]) => items.length >= 3,
    );
    // then three cases were started at the timer start event, and no more
    expect(cases).toHaveLength(3);
    for (const started of cases) {
      // a case's row exists a moment before its first step is written
      const entries = await eventually(
        () => history(started.id),
        (entries) => entries.some((entry) => entry.elementId === 'every-second'),
      );
      // and its history says a timer started it, not a person
      expect(entries.find((entry) => entry.type === 'instance.started')).toMatchObject({
        actor: null,
        data: { startedBy: 'timer' },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await api('GET', `/api/instances?definitionKey=${key}`)).body.items).toHaveLength(3);
  });

  it('deploying a version without the timer start event ends its schedule', async () => {
    // given an endless daily… here: every-second schedule
    const key = `endless-${unique()}`;
    const body = (start: string) =>
      diagram(
        key,
        `${start}<bpmn:startEvent id="manual" />${userTask('screen', { groups: 'psychTeacher' })}<bpmn:endEvent id="end" />`,
        {
          flows: [
            flow('manual', 'screen'),
            flow('screen', 'end'),
            ...(start ? [flow('tick', 'screen')] : []),
          ],
        },
      );
    await deploy(
      body(
        '<bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
      ),
    );
    const count = async () =>
      (await api('GET', `/api/instances?definitionKey=${key}`)).body.items.length as number;
    await eventually(count, (n) => n >= 2);
    // when a version without it is deployed
    await deploy(body(''));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const after = await count();
    // then no further case starts
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await count()).toBe(after);
  });

  it('a message start event starts a new case at the given unit', async () => {
    // given
    const key = `referral-in-${unique()}`;
    const name = `hospital-referral-${unique()}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="manual" />
         <bpmn:startEvent id="referred"><bpmn:messageEventDefinition messageRef="m-referral" /></bpmn:startEvent>
         ${userTask('receive-student', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" />`,
        {
          roots: message('m-referral', name),
          flows: [...chain('referred', 'receive-student', 'end'), flow('manual', 'receive-student')],
        },
      ),
    );
    // when
    const sent = await api('POST', '/api/messages', {
      name,
      correlationKey: 'ignored-for-start-events',
      orgUnitId: world.units.classA,
      variables: { ward: 'adolescent' },
    });
    // then
    expect(sent.status).toBe(200);
    expect(sent.body.correlatedInstances).toHaveLength(1);
    const started = await getInstance(sent.body.correlatedInstances[0]);
    expect(started).toMatchObject({ definitionKey: key, variables: { ward: 'adolescent' } });
    expect(active(started)).toEqual(['receive-student']);
    expect(started.orgPath).toMatch(/\/k2$/);
  });
});

describe('versions', () => {
  it('a running case keeps the version it started with; new cases take the latest', async () => {
    // given version 1 and a case on it
    const key = `versioned-${unique()}`;
    const version = (task: string) =>
      diagram(
        key,
        `<bpmn:startEvent id="start" />${userTask(task, { groups: 'psychTeacher' })}<bpmn:endEvent id="end" />`,
        {
          flows: chain('start', task, 'end'),
        },
      );
    await deploy(version('talk-to-student'));
    const old = await start(key);
    // when version 2 replaces the task
    await deploy(version('talk-to-parents'));
    const versions = await api('GET', `/api/definitions?key=${key}`);
    expect(versions.body.items.map((item: any) => item.version).sort()).toEqual([1, 2]);
    const fresh = await start(key);
    // then each case runs its own version to the end
    expect(old).toMatchObject({ version: 1 });
    expect(fresh).toMatchObject({ version: 2 });
    expect(active(fresh)).toEqual(['talk-to-parents']);
    await completeTask(old.id, 'talk-to-student');
    expect((await getInstance(old.id)).state).toBe('completed');
  });
});
