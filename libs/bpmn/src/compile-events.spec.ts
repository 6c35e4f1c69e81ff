import { between, compiled, diagram, message } from './testing/diagram';

describe('compileProcess: events', () => {
  it('compiles message and timer start events as triggered starts beside the none start event', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      <bpmn:startEvent id="Start_Referral" name="Referral received">
        <bpmn:messageEventDefinition id="Def_1" messageRef="Message_Referral" />
      </bpmn:startEvent>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Start_Referral" targetRef="End" />
      <bpmn:startEvent id="Start_Weekly">
        <bpmn:timerEventDefinition id="Def_2">
          <bpmn:timeCycle xsi:type="bpmn:tFormalExpression"> R/P1W </bpmn:timeCycle>
        </bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Start_Weekly" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      message('Message_Referral', 'referral-received', '=studentId'),
    );
    // when
    const model = await compiled(xml);
    // then
    expect(model.startEventIds).toEqual(['Start']);
    expect(model.triggeredStartEventIds).toEqual(['Start_Referral', 'Start_Weekly']);
    expect(model.elements['Start_Referral']).toStrictEqual({
      id: 'Start_Referral',
      type: 'startEvent',
      name: 'Referral received',
      incoming: [],
      outgoing: ['Flow_2'],
      // A process-level message start opens a new case: the key of a shared message is not used.
      trigger: { kind: 'message', messageName: 'referral-received' },
      interrupting: true,
    });
    expect(model.elements['Start_Weekly']).toMatchObject({
      trigger: { kind: 'timer', timer: { kind: 'cycle', expression: 'R/P1W' } },
    });
  });

  it('compiles none, terminate, error and escalation end events', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Fork" />
      <bpmn:parallelGateway id="Fork" />
      <bpmn:sequenceFlow id="Flow_a" sourceRef="Fork" targetRef="End_None" />
      <bpmn:sequenceFlow id="Flow_b" sourceRef="Fork" targetRef="End_Terminate" />
      <bpmn:sequenceFlow id="Flow_c" sourceRef="Fork" targetRef="End_Error" />
      <bpmn:sequenceFlow id="Flow_d" sourceRef="Fork" targetRef="End_Escalation" />
      <bpmn:endEvent id="End_None" />
      <bpmn:endEvent id="End_Terminate"><bpmn:terminateEventDefinition id="Def_1" /></bpmn:endEvent>
      <bpmn:endEvent id="End_Error"><bpmn:errorEventDefinition id="Def_2" errorRef="Error_Refused" /></bpmn:endEvent>
      <bpmn:endEvent id="End_Escalation">
        <bpmn:extensionElements>
          <zeebe:ioMapping><zeebe:input source="=riskLevel" target="level" /></zeebe:ioMapping>
        </bpmn:extensionElements>
        <bpmn:escalationEventDefinition id="Def_3" escalationRef="Escalation_Principal" />
      </bpmn:endEvent>`,
      `<bpmn:error id="Error_Refused" name="Refused" errorCode="CARE_REFUSED" />
       <bpmn:escalation id="Escalation_Principal" name="Principal" escalationCode="principal" />`,
    );
    // when
    const { elements } = await compiled(xml);
    // then
    expect(elements['End_None']).toMatchObject({ type: 'endEvent', trigger: { kind: 'none' } });
    expect(elements['End_Terminate']).toMatchObject({ trigger: { kind: 'terminate' } });
    expect(elements['End_Error']).toMatchObject({ trigger: { kind: 'error', errorCode: 'CARE_REFUSED' } });
    expect(elements['End_Escalation']).toStrictEqual({
      id: 'End_Escalation',
      type: 'endEvent',
      incoming: ['Flow_d'],
      outgoing: [],
      trigger: { kind: 'escalation', escalationCode: 'principal' },
      ioMapping: { inputs: [{ source: '=riskLevel', target: 'level' }], outputs: [] },
    });
  });

  it('compiles timer and message intermediate catch events with their output mappings', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Wait_Day" />
      <bpmn:intermediateCatchEvent id="Wait_Day">
        <bpmn:timerEventDefinition id="Def_1">
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>
        </bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Wait_Day" targetRef="Wait_Date" />
      <bpmn:intermediateCatchEvent id="Wait_Date">
        <bpmn:timerEventDefinition id="Def_2">
          <bpmn:timeDate xsi:type="bpmn:tFormalExpression">=reviewAt</bpmn:timeDate>
        </bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Wait_Date" targetRef="Wait_Reply" />
      <bpmn:intermediateCatchEvent id="Wait_Reply" name="Parents reply">
        <bpmn:extensionElements>
          <zeebe:ioMapping><zeebe:output source="=reply.consent" target="consent" /></zeebe:ioMapping>
        </bpmn:extensionElements>
        <bpmn:messageEventDefinition id="Def_3" messageRef="Message_Reply" />
      </bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Wait_Reply" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      message('Message_Reply', '=&#34;parents-reply-&#34; + schoolId', '=caseKey'),
    );
    // when
    const { elements } = await compiled(xml);
    // then
    expect(elements['Wait_Day']).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'timer', timer: { kind: 'duration', expression: 'P1D' } },
    });
    expect(elements['Wait_Date']).toMatchObject({
      trigger: { kind: 'timer', timer: { kind: 'date', expression: '=reviewAt' } },
    });
    expect(elements['Wait_Reply']).toStrictEqual({
      id: 'Wait_Reply',
      type: 'intermediateCatchEvent',
      name: 'Parents reply',
      incoming: ['Flow_3'],
      outgoing: ['Flow_4'],
      trigger: { kind: 'message', messageName: '="parents-reply-" + schoolId', correlationKey: '=caseKey' },
      ioMapping: { inputs: [], outputs: [{ source: '=reply.consent', target: 'consent' }] },
    });
  });

  it('compiles none and escalation intermediate throw events', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Reached" />
      <bpmn:intermediateThrowEvent id="Reached" name="Plan agreed" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Reached" targetRef="Escalate" />
      <bpmn:intermediateThrowEvent id="Escalate">
        <bpmn:escalationEventDefinition id="Def_1" escalationRef="Escalation_1" />
      </bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Escalate" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      '<bpmn:escalation id="Escalation_1" escalationCode="=&#34;level-&#34; + string(level)" />',
    );
    // when
    const { elements } = await compiled(xml);
    // then
    expect(elements['Reached']).toMatchObject({ type: 'intermediateThrowEvent', trigger: { kind: 'none' } });
    expect(elements['Escalate']).toMatchObject({
      trigger: { kind: 'escalation', escalationCode: '="level-" + string(level)' },
    });
  });

  it('compiles boundary events, and lists them on their activity in document order', async () => {
    // given
    const xml = diagram(
      between('<bpmn:userTask id="Task_Plan" />', 'Task_Plan') +
        `
      <bpmn:boundaryEvent id="Remind" cancelActivity="false" attachedToRef="Task_Plan">
        <bpmn:timerEventDefinition id="Def_1">
          <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT1H</bpmn:timeCycle>
        </bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="Withdrawn" attachedToRef="Task_Plan">
        <bpmn:messageEventDefinition id="Def_2" messageRef="Message_Withdrawn" />
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="Failed" attachedToRef="Task_Plan">
        <bpmn:errorEventDefinition id="Def_3" />
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="Escalated" cancelActivity="false" attachedToRef="Task_Plan">
        <bpmn:escalationEventDefinition id="Def_4" escalationRef="Escalation_1" />
      </bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="Flow_r" sourceRef="Remind" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_w" sourceRef="Withdrawn" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_f" sourceRef="Failed" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_e" sourceRef="Escalated" targetRef="End" />`,
      `${message('Message_Withdrawn', 'case-withdrawn', '=caseKey')}
       <bpmn:escalation id="Escalation_1" escalationCode="principal" />`,
    );
    // when
    const { elements } = await compiled(xml);
    // then
    expect(elements['Task_Plan']).toMatchObject({
      boundaryEventIds: ['Remind', 'Withdrawn', 'Failed', 'Escalated'],
    });
    expect(elements['Remind']).toStrictEqual({
      id: 'Remind',
      type: 'boundaryEvent',
      incoming: [],
      outgoing: ['Flow_r'],
      attachedToId: 'Task_Plan',
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'cycle', expression: 'R3/PT1H' } },
    });
    expect(elements['Withdrawn']).toMatchObject({
      cancelActivity: true,
      trigger: { kind: 'message', messageName: 'case-withdrawn', correlationKey: '=caseKey' },
    });
    // No errorRef: it catches every error.
    expect(elements['Failed']).toMatchObject({ cancelActivity: true, trigger: { kind: 'error' } });
    expect(elements['Failed']).not.toHaveProperty('trigger.errorCode');
    expect(elements['Escalated']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'escalation', escalationCode: 'principal' },
    });
  });

  it('compiles a non-interrupting message start of an event sub-process', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="OnNewInfo" triggeredByEvent="true">
        <bpmn:startEvent id="NewInfo" isInterrupting="false">
          <bpmn:messageEventDefinition id="Def_1" messageRef="Message_Info" />
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_info" sourceRef="NewInfo" targetRef="InfoNoted" />
        <bpmn:endEvent id="InfoNoted" />
      </bpmn:subProcess>`,
      message('Message_Info', 'new-information', '=caseKey'),
    );
    // when
    const model = await compiled(xml);
    // then
    expect(model.eventSubProcessIds).toEqual(['OnNewInfo']);
    expect(model.triggeredStartEventIds).toEqual([]);
    expect(model.elements['NewInfo']).toStrictEqual({
      id: 'NewInfo',
      type: 'startEvent',
      incoming: [],
      outgoing: ['Flow_info'],
      parentId: 'OnNewInfo',
      trigger: { kind: 'message', messageName: 'new-information', correlationKey: '=caseKey' },
      interrupting: false,
    });
  });
});
