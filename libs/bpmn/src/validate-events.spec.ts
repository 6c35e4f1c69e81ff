import { between, diagram, message, problemsOf } from './testing/diagram';

const timerCatch = (id: string, property: string, value: string): string => `
  <bpmn:intermediateCatchEvent id="${id}">
    <bpmn:timerEventDefinition id="${id}_def">
      <bpmn:${property} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${property}>
    </bpmn:timerEventDefinition>
  </bpmn:intermediateCatchEvent>`;

describe('validateProcess: timers', () => {
  it.each([
    ['timeDuration', '24 hours', "an ISO 8601 duration such as PT24H, P1D or P1DT2H, got '24 hours'"],
    [
      'timeDate',
      '2025-09-01T08:00:00',
      "an ISO 8601 date-time with offset such as 2025-09-01T08:00:00+08:00, got '2025-09-01T08:00:00'",
    ],
    [
      'timeCycle',
      'R0/PT1H',
      "a cycle R<n>/<duration> or R/<duration> such as R3/PT1H, optionally R<n>/<start date-time>/<duration>, got 'R0/PT1H'",
    ],
  ])('reports a static %s that does not parse', async (property, value, expected) => {
    // given
    const xml = diagram(between(timerCatch('Wait', property, value), 'Wait'));
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Wait',
        elementType: 'bpmn:IntermediateCatchEvent',
        message: `Expected the ${property} of 'Wait' to be ${expected}`,
      },
    ]);
  });

  it('checks the syntax of a FEEL timer', async () => {
    // given
    const xml = diagram(between(timerCatch('Wait', 'timeDuration', '=duration(&#34;PT1H&#34;'), 'Wait'));
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Wait',
        elementType: 'bpmn:IntermediateCatchEvent',
        message: expect.stringMatching(
          /^Expected a valid FEEL expression as the timeDuration of 'Wait': .* at position \d+ of '=duration\("PT1H"'$/,
        ),
      },
    ]);
  });

  it('asks for exactly one of timeDuration, timeDate and timeCycle', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Empty" />
      <bpmn:intermediateCatchEvent id="Empty"><bpmn:timerEventDefinition id="Def_1" /></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Empty" targetRef="Both" />
      <bpmn:intermediateCatchEvent id="Both">
        <bpmn:timerEventDefinition id="Def_2">
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
          <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R2/PT1H</bpmn:timeCycle>
        </bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Both" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems.map(({ elementId, message }) => [elementId, message])).toEqual([
      ['Empty', "Expected a timer on 'Empty': set its timeDuration, timeDate or timeCycle"],
      [
        'Both',
        "Expected one of timeDuration, timeDate and timeCycle on 'Both', found timeDuration and timeCycle",
      ],
    ]);
  });

  it('refuses a duration on a process-level timer start event, and accepts date and cycle', async () => {
    // given
    const start = (id: string, property: string, value: string): string => `
      <bpmn:startEvent id="${id}">
        <bpmn:timerEventDefinition id="${id}_def">
          <bpmn:${property} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${property}>
        </bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:sequenceFlow id="${id}_flow" sourceRef="${id}" targetRef="End" />`;
    const xml = diagram(
      `<bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      ${start('Start_Duration', 'timeDuration', 'PT1H')}
      ${start('Start_Date', 'timeDate', '2026-09-01T08:00:00+08:00')}
      ${start('Start_Cycle', 'timeCycle', 'R/P1D')}
      <bpmn:endEvent id="End" />`,
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Start_Duration',
        elementType: 'bpmn:StartEvent',
        message:
          "Expected a timeDate or timeCycle on timer start event 'Start_Duration': a duration has nothing to count from before the process starts",
      },
    ]);
  });
});

describe('validateProcess: messages', () => {
  const catchEvent = (messageRef?: string): string =>
    between(
      `<bpmn:intermediateCatchEvent id="Wait">
        <bpmn:messageEventDefinition id="Def_1"${messageRef ? ` messageRef="${messageRef}"` : ''} />
      </bpmn:intermediateCatchEvent>`,
      'Wait',
    );
  const at = { elementId: 'Wait', elementType: 'bpmn:IntermediateCatchEvent' };

  it('asks a message catch event for a message', async () => {
    expect(await problemsOf(diagram(catchEvent()))).toEqual([
      { ...at, message: "Expected a message on 'Wait': set messageRef to a bpmn:Message with a name" },
    ]);
  });

  it('asks the message for a name and a correlation key', async () => {
    // given
    const xml = diagram(catchEvent('Message_1'), '<bpmn:message id="Message_1" />');
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      { ...at, message: "Expected a name on message 'Message_1' of 'Wait'" },
      {
        ...at,
        message:
          "Expected a correlation key on message 'Message_1' of 'Wait': set zeebe:subscription correlationKey (e.g. =caseKey)",
      },
    ]);
  });

  it('checks the FEEL of a message name and requires FEEL for a correlation key', async () => {
    // given
    const xml = diagram(catchEvent('Message_1'), message('Message_1', '=&#34;reply-&#34; +', 'caseKey'));
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        ...at,
        message: expect.stringMatching(
          /^Expected a valid FEEL expression as the name of message 'Message_1' of 'Wait': .* at position \d+ of '="reply-" \+'$/,
        ),
      },
      {
        ...at,
        message:
          "Expected a FEEL expression (starting with '=') as the correlation key of message 'Message_1' of 'Wait', got 'caseKey'",
      },
    ]);
  });

  it('needs no correlation key on a process-level message start event, but does in an event sub-process', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      <bpmn:startEvent id="Start_Referral">
        <bpmn:messageEventDefinition id="Def_1" messageRef="Message_1" />
      </bpmn:startEvent>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Start_Referral" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="OnReferral" triggeredByEvent="true">
        <bpmn:startEvent id="Referral" isInterrupting="false">
          <bpmn:messageEventDefinition id="Def_2" messageRef="Message_1" />
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_3" sourceRef="Referral" targetRef="Referral_End" />
        <bpmn:endEvent id="Referral_End" />
      </bpmn:subProcess>`,
      message('Message_1', 'referral'),
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Referral',
        elementType: 'bpmn:StartEvent',
        message:
          "Expected a correlation key on message 'Message_1' of 'Referral': set zeebe:subscription correlationKey (e.g. =caseKey)",
      },
    ]);
  });

  it('reports a messageRef naming nothing once', async () => {
    expect(await problemsOf(diagram(catchEvent('Message_Missing')))).toEqual([
      {
        elementId: 'Def_1',
        elementType: 'bpmn:MessageEventDefinition',
        message:
          "Expected bpmn:messageRef to name an element of the diagram, but 'Message_Missing' does not exist",
      },
    ]);
  });
});

describe('validateProcess: errors and escalations', () => {
  it('asks thrown errors and escalations for their code', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Escalate" />
      <bpmn:intermediateThrowEvent id="Escalate">
        <bpmn:escalationEventDefinition id="Def_1" />
      </bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Escalate" targetRef="Fail" />
      <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition id="Def_2" errorRef="Error_1" /></bpmn:endEvent>`,
      '<bpmn:error id="Error_1" name="Refused" />',
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Escalate',
        elementType: 'bpmn:IntermediateThrowEvent',
        message:
          "Expected an escalationCode on escalation event 'Escalate': set its escalationRef to a bpmn:Escalation with an escalationCode",
      },
      {
        elementId: 'Fail',
        elementType: 'bpmn:EndEvent',
        message:
          "Expected an errorCode on error event 'Fail': set its errorRef to a bpmn:Error with an errorCode",
      },
    ]);
  });

  it('asks catching events for a static code', async () => {
    // given
    const xml = diagram(
      between('<bpmn:userTask id="Task" />', 'Task') +
        `<bpmn:boundaryEvent id="Caught" attachedToRef="Task">
          <bpmn:errorEventDefinition id="Def_1" errorRef="Error_1" />
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="Flow_c" sourceRef="Caught" targetRef="End" />`,
      '<bpmn:error id="Error_1" errorCode="=code" />',
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'Caught',
        elementType: 'bpmn:BoundaryEvent',
        message:
          "Expected a static errorCode on 'Caught': a catching event matches thrown codes, got '=code'",
      },
    ]);
  });
});

describe('validateProcess: start events by scope', () => {
  it('keeps error and escalation start events to event sub-processes, and errors interrupting', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      <bpmn:startEvent id="Start_Error"><bpmn:errorEventDefinition id="Def_1" /></bpmn:startEvent>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Start_Error" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="OnError" triggeredByEvent="true">
        <bpmn:startEvent id="Failed" isInterrupting="false"><bpmn:errorEventDefinition id="Def_2" /></bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_3" sourceRef="Failed" targetRef="Failed_End" />
        <bpmn:endEvent id="Failed_End" />
      </bpmn:subProcess>`,
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems.map(({ elementId, message }) => [elementId, message])).toEqual([
      [
        'Start_Error',
        "Expected error start event 'Start_Error' inside an event sub-process: at process level nothing can throw to it",
      ],
      [
        'Failed',
        "Expected error start event 'Failed' to be interrupting: an error ends the scope that throws it",
      ],
    ]);
  });

  it('keeps triggered start events out of embedded sub-processes, and none start events out of event sub-processes', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub" />
      <bpmn:subProcess id="Sub">
        <bpmn:startEvent id="Sub_Start" />
        <bpmn:sequenceFlow id="Flow_s1" sourceRef="Sub_Start" targetRef="Sub_End" />
        <bpmn:startEvent id="Sub_Timer">
          <bpmn:timerEventDefinition id="Def_1">
            <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_s2" sourceRef="Sub_Timer" targetRef="Sub_End" />
        <bpmn:endEvent id="Sub_End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="OnSomething" triggeredByEvent="true">
        <bpmn:startEvent id="Plain_Start" />
        <bpmn:sequenceFlow id="Flow_e1" sourceRef="Plain_Start" targetRef="Plain_End" />
        <bpmn:endEvent id="Plain_End" />
      </bpmn:subProcess>`,
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems.map(({ elementId, message }) => [elementId, message])).toEqual([
      [
        'Sub_Timer',
        "Expected start event 'Sub_Timer' of embedded sub-process 'Sub' to be a none start event: a timer start event belongs in an event sub-process",
      ],
      [
        'Plain_Start',
        "Expected start event 'Plain_Start' of event sub-process 'OnSomething' to have a message, timer, signal, error or escalation trigger",
      ],
    ]);
  });
});

describe('validateProcess: boundary events', () => {
  it('asks for an outgoing flow, no incoming flow, an activity to attach to, and errors to interrupt', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task" />
      <bpmn:userTask id="Task" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Task" targetRef="Gateway" />
      <bpmn:exclusiveGateway id="Gateway" />
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:boundaryEvent id="Dangling" attachedToRef="Task">
        <bpmn:timerEventDefinition id="Def_1">
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
        </bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="On_Gateway" attachedToRef="Gateway">
        <bpmn:errorEventDefinition id="Def_2" />
      </bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="Flow_4" sourceRef="On_Gateway" targetRef="End" />
      <bpmn:boundaryEvent id="Soft_Error" cancelActivity="false" attachedToRef="Task">
        <bpmn:errorEventDefinition id="Def_3" />
      </bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="Flow_5" sourceRef="Soft_Error" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_6" sourceRef="Start" targetRef="Soft_Error" />`,
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems.map(({ elementId, message }) => [elementId, message])).toEqual([
      ['Dangling', "Expected an outgoing sequence flow from 'Dangling': only end events may end a path"],
      [
        'On_Gateway',
        "Expected boundary event 'On_Gateway' to be attached to a task, sub-process or call activity, not to bpmn:ExclusiveGateway 'Gateway'",
      ],
      ['Soft_Error', "Expected no incoming sequence flow into boundary event 'Soft_Error'"],
      [
        'Soft_Error',
        `Expected error boundary event 'Soft_Error' to be interrupting (cancelActivity="true"): an error ends the activity that throws it`,
      ],
    ]);
  });
});
