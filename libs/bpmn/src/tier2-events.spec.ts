import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess } from './compile';
import { between, compiled, compiledElement, diagram, problemsOf } from './testing/diagram';
import { JOB_TYPES } from './job-types';

/** The job types the deploy validator names when it refuses one. */
const KNOWN_JOB_TYPES = JOB_TYPES.join(', ');

const signal = (id: string, name: string): string => `<bpmn:signal id="${id}" name="${name}" />`;

const job = (type: string, extra = ''): string =>
  `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="5" />${extra}</bpmn:extensionElements>`;

describe('compileProcess: signal events', () => {
  it('compiles signal start, catch, boundary, throw and end events with their signal names', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="On_Alert"><bpmn:signalEventDefinition id="D1" signalRef="S_Alert" /></bpmn:startEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="On_Alert" targetRef="Wait_Clear" />
      <bpmn:intermediateCatchEvent id="Wait_Clear"><bpmn:signalEventDefinition id="D2" signalRef="S_Clear" /></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="F2" sourceRef="Wait_Clear" targetRef="Check" />
      <bpmn:userTask id="Check"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="psychTeacher" /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:boundaryEvent id="On_Lockdown" attachedToRef="Check" cancelActivity="false">
        <bpmn:signalEventDefinition id="D3" signalRef="S_Lockdown" />
      </bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="F3" sourceRef="On_Lockdown" targetRef="End_Lockdown" />
      <bpmn:endEvent id="End_Lockdown" />
      <bpmn:sequenceFlow id="F4" sourceRef="Check" targetRef="Tell_All" />
      <bpmn:intermediateThrowEvent id="Tell_All">
        <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=school" target="from" /></zeebe:ioMapping></bpmn:extensionElements>
        <bpmn:signalEventDefinition id="D4" signalRef="S_Checked" />
      </bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="F5" sourceRef="Tell_All" targetRef="End_Signal" />
      <bpmn:endEvent id="End_Signal"><bpmn:signalEventDefinition id="D5" signalRef="S_Done" /></bpmn:endEvent>`,
      [
        signal('S_Alert', 'school-alert'),
        signal('S_Clear', '=clearSignal'),
        signal('S_Lockdown', 'lockdown'),
        signal('S_Checked', 'checked'),
        signal('S_Done', 'done'),
      ].join('\n'),
    );
    // when
    const model = await compiled(xml);
    // then a top-level signal start event is a triggered start, as message and timer starts are
    expect(model.startEventIds).toEqual([]);
    expect(model.triggeredStartEventIds).toEqual(['On_Alert']);
    expect(model.elements['On_Alert']).toMatchObject({
      trigger: { kind: 'signal', signalName: 'school-alert' },
    });
    expect(model.elements['Wait_Clear']).toMatchObject({
      trigger: { kind: 'signal', signalName: '=clearSignal' },
    });
    expect(model.elements['On_Lockdown']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'signal', signalName: 'lockdown' },
    });
    expect(model.elements['Tell_All']).toMatchObject({
      trigger: { kind: 'signal', signalName: 'checked' },
      ioMapping: { inputs: [{ source: '=school', target: 'from' }], outputs: [] },
    });
    expect(model.elements['End_Signal']).toMatchObject({ trigger: { kind: 'signal', signalName: 'done' } });
  });

  it('compiles a signal start event of an event sub-process as its trigger, not as a start of the process', async () => {
    // given
    const xml = diagram(
      `${between('<bpmn:manualTask id="Work" />', 'Work')}
      <bpmn:subProcess id="On_Alert" triggeredByEvent="true">
        <bpmn:startEvent id="Alert_Start" isInterrupting="false"><bpmn:signalEventDefinition id="D1" signalRef="S1" /></bpmn:startEvent>
        <bpmn:sequenceFlow id="A1" sourceRef="Alert_Start" targetRef="Alert_End" />
        <bpmn:endEvent id="Alert_End" />
      </bpmn:subProcess>`,
      signal('S1', 'alert'),
    );
    // when
    const model = await compiled(xml);
    // then
    expect(model.triggeredStartEventIds).toEqual([]);
    expect(model.eventSubProcessIds).toEqual(['On_Alert']);
    expect(model.elements['Alert_Start']).toMatchObject({
      interrupting: false,
      trigger: { kind: 'signal', signalName: 'alert' },
    });
  });

  it('refuses a signal event without a signal or without a name, naming the element', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="No_Ref" />
      <bpmn:intermediateCatchEvent id="No_Ref"><bpmn:signalEventDefinition id="D1" /></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="F2" sourceRef="No_Ref" targetRef="No_Name" />
      <bpmn:intermediateThrowEvent id="No_Name"><bpmn:signalEventDefinition id="D2" signalRef="S_Blank" /></bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="F3" sourceRef="No_Name" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      '<bpmn:signal id="S_Blank" />',
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'No_Ref',
        elementType: 'bpmn:IntermediateCatchEvent',
        message: "Expected a signal on 'No_Ref': set signalRef to a bpmn:Signal with a name",
      },
      {
        elementId: 'No_Name',
        elementType: 'bpmn:IntermediateThrowEvent',
        message: "Expected a name on signal 'S_Blank' of 'No_Name': set the name of the bpmn:Signal",
      },
    ]);
  });

  it('refuses a FEEL name on a top-level signal start event: no case exists yet to evaluate it', async () => {
    // given
    const xml = diagram(
      `<bpmn:startEvent id="On_Alert"><bpmn:signalEventDefinition id="D1" signalRef="S1" /></bpmn:startEvent>
       <bpmn:sequenceFlow id="F1" sourceRef="On_Alert" targetRef="End" />
       <bpmn:endEvent id="End" />`,
      signal('S1', '=name'),
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      expect.objectContaining({
        elementId: 'On_Alert',
        message: expect.stringContaining("Expected a static name on signal 'S1' of 'On_Alert'"),
      }),
    ]);
  });

  it('lets an event-based gateway wait for a signal', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gate" />
      <bpmn:eventBasedGateway id="Gate" />
      <bpmn:sequenceFlow id="F2" sourceRef="Gate" targetRef="On_Signal" />
      <bpmn:sequenceFlow id="F3" sourceRef="Gate" targetRef="On_Timer" />
      <bpmn:intermediateCatchEvent id="On_Signal"><bpmn:signalEventDefinition id="D1" signalRef="S1" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="On_Timer"><bpmn:timerEventDefinition id="D2"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="F4" sourceRef="On_Signal" targetRef="End" />
      <bpmn:sequenceFlow id="F5" sourceRef="On_Timer" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      signal('S1', 'all-clear'),
    );
    // when
    const result = await compileProcess(xml);
    // then
    expect(result).toMatchObject({ ok: true });
  });
});

describe('compileProcess: link events', () => {
  const linkThrow = (id: string, name: string): string =>
    `<bpmn:intermediateThrowEvent id="${id}"><bpmn:linkEventDefinition id="${id}_D" name="${name}" /></bpmn:intermediateThrowEvent>`;
  const linkCatch = (id: string, name: string): string =>
    `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition id="${id}_D" name="${name}" /></bpmn:intermediateCatchEvent>`;

  it('joins each link throw to the catch of its name in its scope with a flow of the compiler', async () => {
    // given: two throws lead to one catch, which no sequence flow enters
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork" />
      <bpmn:parallelGateway id="Fork" />
      <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="Go_A" />
      <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="Go_B" />
      ${linkThrow('Go_A', 'review')}
      ${linkThrow('Go_B', 'review')}
      ${linkCatch('Review', 'review')}
      <bpmn:sequenceFlow id="F4" sourceRef="Review" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // when
    const model = await compiled(xml);
    // then
    expect(model.elements['Go_A']).toMatchObject({
      type: 'intermediateThrowEvent',
      outgoing: ['Go_A#link'],
      trigger: { kind: 'link', linkName: 'review' },
    });
    expect(model.elements['Review']).toMatchObject({
      type: 'intermediateCatchEvent',
      incoming: ['Go_A#link', 'Go_B#link'],
      outgoing: ['F4'],
      trigger: { kind: 'link', linkName: 'review' },
    });
    expect(model.flows['Go_B#link']).toEqual({ id: 'Go_B#link', sourceId: 'Go_B', targetId: 'Review' });
  });

  it('refuses a throw without a catch, two catches of one name, a link without a name and a throw with a flow', async () => {
    // given: the catch 'later' sits in a sub-process, out of the throw's scope
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork" />
      <bpmn:parallelGateway id="Fork" />
      <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="Go_Later" />
      <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="Go_Twice" />
      <bpmn:sequenceFlow id="F4" sourceRef="Fork" targetRef="Go_Nowhere" />
      <bpmn:sequenceFlow id="F5" sourceRef="Fork" targetRef="Sub" />
      ${linkThrow('Go_Later', 'later')}
      ${linkThrow('Go_Twice', 'twice')}
      <bpmn:intermediateThrowEvent id="Go_Nowhere"><bpmn:linkEventDefinition id="Go_Nowhere_D" /></bpmn:intermediateThrowEvent>
      ${linkCatch('Twice_1', 'twice')}
      ${linkCatch('Twice_2', 'twice')}
      <bpmn:sequenceFlow id="F6" sourceRef="Twice_1" targetRef="End" />
      <bpmn:sequenceFlow id="F7" sourceRef="Twice_2" targetRef="End" />
      <bpmn:sequenceFlow id="F8" sourceRef="Go_Twice" targetRef="End" />
      <bpmn:subProcess id="Sub">
        <bpmn:startEvent id="Sub_Start" />
        <bpmn:sequenceFlow id="S1" sourceRef="Sub_Start" targetRef="Sub_End" />
        <bpmn:endEvent id="Sub_End" />
        ${linkCatch('Later', 'later')}
        <bpmn:sequenceFlow id="S2" sourceRef="Later" targetRef="Sub_End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="F9" sourceRef="Sub" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // when
    const problems = await problemsOf(xml);
    // then
    const messages = problems.map((problem) => [problem.elementId, problem.message]);
    // an unresolved throw is not also a path that ends outside an end event
    expect(messages.filter(([, message]) => message?.includes('only end events may end a path'))).toEqual([]);
    expect(messages).toEqual(
      expect.arrayContaining([
        [
          'Go_Nowhere',
          "Expected a link name on link event 'Go_Nowhere': set the name of its bpmn:linkEventDefinition",
        ],
        [
          'Twice_2',
          "Expected one link catch event named 'twice' in 'pathway', found 2 (Twice_1, Twice_2): a link throw must lead to one place",
        ],
        [
          'Go_Later',
          "Expected a link catch event named 'later' in 'pathway', the scope of link throw event 'Go_Later'",
        ],
        [
          'Go_Twice',
          "Expected no outgoing sequence flow from link throw event 'Go_Twice': the token goes on at link catch event 'twice'",
        ],
      ]),
    );
  });
});

describe('compileProcess: message throw and end events', () => {
  it('compiles them as jobs of their type, with retries and headers, like send tasks', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:intermediateThrowEvent id="Tell_Parent">
           ${job('notify', '<zeebe:taskHeaders><zeebe:header key="channel" value="sms" /></zeebe:taskHeaders>')}
           <bpmn:messageEventDefinition id="D1" />
         </bpmn:intermediateThrowEvent>`,
        'Tell_Parent',
      ).replace(
        '<bpmn:endEvent id="End" />',
        `<bpmn:endEvent id="End">${job('notify')}<bpmn:messageEventDefinition id="D2" messageRef="M1" /></bpmn:endEvent>`,
      ),
      '<bpmn:message id="M1" name="closed" />',
    );
    // when
    const model = await compiled(xml);
    // then
    expect(model.elements['Tell_Parent']).toMatchObject({
      type: 'intermediateThrowEvent',
      trigger: { kind: 'messageThrow', job: { jobType: 'notify', retries: 5, headers: { channel: 'sms' } } },
    });
    expect(model.elements['End']).toMatchObject({
      type: 'endEvent',
      trigger: { kind: 'messageThrow', job: { jobType: 'notify', retries: 5, headers: {} } },
    });
  });

  it('refuses one without a job type, saying to set one, and a job definition on another throw event', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:intermediateThrowEvent id="Tell"><bpmn:messageEventDefinition id="D1" /></bpmn:intermediateThrowEvent>`,
        'Tell',
      ).replace('<bpmn:endEvent id="End" />', `<bpmn:endEvent id="End">${job('notify')}</bpmn:endEvent>`),
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Tell',
        elementType: 'bpmn:IntermediateThrowEvent',
        message: `Expected a job type on 'Tell': set zeebe:taskDefinition type (one of: ${KNOWN_JOB_TYPES})`,
      },
      {
        elementId: 'End',
        elementType: 'bpmn:EndEvent',
        message:
          "Expected no zeebe:TaskDefinition on bpmn:EndEvent 'End': only message throw and end events run a job",
      },
    ]);
  });
});

describe('compileProcess: job-worker user tasks', () => {
  const form = JSON.stringify({
    type: 'default',
    components: [{ key: 'mood', type: 'textfield', label: 'Mood' }],
  });
  const jobWorkerTask = (formKey: string): string =>
    `<bpmn:userTask id="Talk">
       <bpmn:extensionElements>
         <zeebe:assignmentDefinition candidateGroups="psychTeacher" />
         <zeebe:formDefinition formKey="${formKey}" />
       </bpmn:extensionElements>
     </bpmn:userTask>`;
  const withForms = (flowElements: string, forms: string): string =>
    diagram(
      `<bpmn:extensionElements>${forms}</bpmn:extensionElements>
       ${flowElements}`,
    );

  it('compiles a task without the zeebe:userTask marker that links an embedded form, and hands the form over', async () => {
    // given
    const xml = withForms(
      between(jobWorkerTask('camunda-forms:bpmn:UserTaskForm_1'), 'Talk'),
      `<zeebe:userTaskForm id="UserTaskForm_1">${form.replace(/"/g, '&#34;')}</zeebe:userTaskForm>`,
    );
    // when
    const result = await compileProcess(xml);
    // then
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.model.elements['Talk']).toMatchObject({
      type: 'userTask',
      formKey: 'camunda-forms:bpmn:UserTaskForm_1',
      assignment: { candidateGroups: 'psychTeacher' },
    });
    expect(result.embeddedForms).toEqual({ 'camunda-forms:bpmn:UserTaskForm_1': JSON.parse(form) });
    expect(result.warnings).toEqual([]);
  });

  it('keeps a custom formKey on the task and warns that no form is shown', async () => {
    // given
    const xml = diagram(between(jobWorkerTask('app:crisis-plan'), 'Talk'));
    // when
    const result = await compileProcess(xml);
    // then
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(await compiledElement(xml, 'Talk')).toMatchObject({ formKey: 'app:crisis-plan' });
    expect(result.embeddedForms).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.objectContaining({
        elementId: 'Talk',
        message: expect.stringContaining("has the custom form key 'app:crisis-plan'"),
      }),
    ]);
  });

  it('refuses a key naming no embedded form, and an embedded form that is not a JSON object', async () => {
    // given
    const xml = withForms(
      between(jobWorkerTask('camunda-forms:bpmn:Missing'), 'Talk'),
      '<zeebe:userTaskForm id="Broken">{ not json</zeebe:userTaskForm>',
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      expect.objectContaining({
        elementId: 'Broken',
        elementType: 'zeebe:UserTaskForm',
        message: expect.stringContaining(
          "Expected a form-js schema in zeebe:userTaskForm 'Broken': its JSON does not parse",
        ),
      }),
      {
        elementId: 'Talk',
        elementType: 'bpmn:UserTask',
        message:
          "Expected a zeebe:userTaskForm with id 'Missing' in process 'pathway': user task 'Talk' links it by formKey 'camunda-forms:bpmn:Missing'",
      },
    ]);
  });
});

describe('a Camunda Modeler (8.4) diagram with a job-worker user task, links and a message end event', () => {
  it('compiles unchanged: the embedded form is handed over, the custom key warned about', async () => {
    // given
    const xml = readFileSync(
      join(__dirname, '..', '..', '..', 'test', 'fixtures', 'camunda-modeler', 'job-worker-user-task.bpmn'),
      'utf8',
    );
    // when
    const result = await compileProcess(xml);
    // then
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.model.elements['Activity_1chk001']).toMatchObject({
      formKey: 'camunda-forms:bpmn:UserTaskForm_1a2b3c',
    });
    expect(result.embeddedForms?.['camunda-forms:bpmn:UserTaskForm_1a2b3c']).toMatchObject({
      id: 'check-in-form',
      components: [expect.objectContaining({ key: 'mood' }), expect.objectContaining({ key: 'talkedTo' })],
    });
    expect(result.model.flows['Event_0lnk001#link']).toEqual({
      id: 'Event_0lnk001#link',
      sourceId: 'Event_0lnk001',
      targetId: 'Event_1lnk002',
    });
    expect(result.model.elements['Event_2msg001']).toMatchObject({
      trigger: { kind: 'messageThrow', job: { jobType: 'notify' } },
    });
    expect(result.warnings.map((warning) => warning.elementId)).toEqual(['Activity_2rec001']);
  });
});
