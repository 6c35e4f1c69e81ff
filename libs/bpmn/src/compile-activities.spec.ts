import { between, compiled, compiledElement, diagram, message } from './testing/diagram';

describe('compileProcess: business rule tasks', () => {
  it('compiles a called decision into a job of the internal decision type', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:businessRuleTask id="Task_Triage" name="Triage">
          <bpmn:extensionElements>
            <zeebe:calledDecision decisionId="riskLevel" resultVariable="risk" />
            <zeebe:ioMapping><zeebe:output source="=risk.level" target="level" /></zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:businessRuleTask>`,
        'Task_Triage',
      ),
    );
    // when
    const task = await compiledElement(xml, 'Task_Triage');
    // then
    expect(task).toStrictEqual({
      id: 'Task_Triage',
      type: 'businessRuleTask',
      name: 'Triage',
      incoming: ['Flow_in'],
      outgoing: ['Flow_out'],
      boundaryEventIds: [],
      jobType: 'carepath:evaluate-decision',
      retries: 3,
      headers: { decisionId: 'riskLevel', resultVariable: 'risk' },
      ioMapping: { inputs: [], outputs: [{ source: '=risk.level', target: 'level' }] },
    });
  });

  it('compiles a business rule task with zeebe:taskDefinition into a plain job, as Zeebe does', async () => {
    const xml = diagram(
      between(
        `<bpmn:businessRuleTask id="Task_Rules">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="notify" retries="2" />
            <zeebe:taskHeaders><zeebe:header key="recipients" value="principal" /></zeebe:taskHeaders>
          </bpmn:extensionElements>
        </bpmn:businessRuleTask>`,
        'Task_Rules',
      ),
    );
    expect(await compiledElement(xml, 'Task_Rules')).toMatchObject({
      type: 'businessRuleTask',
      jobType: 'notify',
      retries: 2,
      headers: { recipients: 'principal' },
    });
  });
});

describe('compileProcess: tasks', () => {
  it('compiles a service task into its job type, retries, headers and mappings', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:serviceTask id="Task_Notify" name="Notify principal">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="notify" retries="5" />
            <zeebe:taskHeaders>
              <zeebe:header key="recipients" value="principal" />
              <zeebe:header key="title" value="Crisis case opened" />
            </zeebe:taskHeaders>
            <zeebe:ioMapping>
              <zeebe:input source="=studentId" target="student" />
              <zeebe:input source="sms" target="channel" />
              <zeebe:output source="=result.sentAt" target="notice.sentAt" />
            </zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:serviceTask>`,
        'Task_Notify',
      ),
    );
    // when
    const task = await compiledElement(xml, 'Task_Notify');
    // then
    expect(task).toStrictEqual({
      id: 'Task_Notify',
      type: 'serviceTask',
      name: 'Notify principal',
      incoming: ['Flow_in'],
      outgoing: ['Flow_out'],
      boundaryEventIds: [],
      jobType: 'notify',
      retries: 5,
      headers: { recipients: 'principal', title: 'Crisis case opened' },
      ioMapping: {
        inputs: [
          { source: '=studentId', target: 'student' },
          { source: 'sms', target: 'channel' },
        ],
        outputs: [{ source: '=result.sentAt', target: 'notice.sentAt' }],
      },
    });
  });

  it('gives a send task the default of 3 retries and no headers', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:sendTask id="Task_Send">
          <bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements>
        </bpmn:sendTask>`,
        'Task_Send',
      ),
    );
    // when
    const task = await compiledElement(xml, 'Task_Send');
    // then
    expect(task).toMatchObject({ type: 'sendTask', jobType: 'notify', retries: 3, headers: {} });
    expect(task).not.toHaveProperty('ioMapping');
  });

  it('compiles a receive task with its message and correlation key', async () => {
    // given
    const xml = diagram(
      between('<bpmn:receiveTask id="Task_Wait" messageRef="Message_Report" />', 'Task_Wait'),
      message('Message_Report', 'counsellor-report', '=caseKey'),
    );
    // when
    const task = await compiledElement(xml, 'Task_Wait');
    // then
    expect(task).toMatchObject({
      type: 'receiveTask',
      boundaryEventIds: [],
      message: { messageName: 'counsellor-report', correlationKey: '=caseKey' },
    });
  });

  it('compiles a script task into its FEEL expression and result variable', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:scriptTask id="Task_Score">
          <bpmn:extensionElements>
            <zeebe:script expression="=sum(answers)" resultVariable="score" />
          </bpmn:extensionElements>
        </bpmn:scriptTask>`,
        'Task_Score',
      ),
    );
    // when
    const task = await compiledElement(xml, 'Task_Score');
    // then
    expect(task).toMatchObject({ type: 'scriptTask', expression: '=sum(answers)', resultVariable: 'score' });
  });

  it('compiles a call activity, propagating all variables unless told otherwise', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Call_Default" />
      <bpmn:callActivity id="Call_Default">
        <bpmn:extensionElements><zeebe:calledElement processId="referral" /></bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Call_Default" targetRef="Call_Isolated" />
      <bpmn:callActivity id="Call_Isolated">
        <bpmn:extensionElements>
          <zeebe:calledElement processId="=followUpProcess" propagateAllChildVariables="false" propagateAllParentVariables="false" />
        </bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Call_Isolated" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // when
    const { elements } = await compiled(xml);
    // then
    expect(elements['Call_Default']).toMatchObject({
      type: 'callActivity',
      calledProcessId: 'referral',
      propagateAllParentVariables: true,
      propagateAllChildVariables: true,
    });
    expect(elements['Call_Isolated']).toMatchObject({
      calledProcessId: '=followUpProcess',
      propagateAllParentVariables: false,
      propagateAllChildVariables: false,
    });
  });

  it('compiles parallel and sequential multi-instance activities', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Interview" />
      <bpmn:userTask id="Task_Interview">
        <bpmn:multiInstanceLoopCharacteristics>
          <bpmn:extensionElements>
            <zeebe:loopCharacteristics inputCollection="=classmates" inputElement="classmate" outputCollection="notes" outputElement="=note" />
          </bpmn:extensionElements>
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 3</bpmn:completionCondition>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:userTask>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Interview" targetRef="Task_Call" />
      <bpmn:serviceTask id="Task_Call">
        <bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics isSequential="true">
          <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=guardians" /></bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Call" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // when
    const { elements } = await compiled(xml);
    // then
    expect(elements['Task_Interview']).toMatchObject({
      multiInstance: {
        sequential: false,
        inputCollection: '=classmates',
        inputElement: 'classmate',
        outputCollection: 'notes',
        outputElement: '=note',
        completionCondition: '=numberOfCompletedInstances >= 3',
      },
    });
    expect(elements['Task_Call']).toMatchObject({
      multiInstance: { sequential: true, inputCollection: '=guardians' },
    });
  });
});

describe('compileProcess: sub-processes', () => {
  const nested = diagram(
    `
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub_Plan" />
    <bpmn:subProcess id="Sub_Plan" name="Safety plan">
      <bpmn:extensionElements>
        <zeebe:ioMapping><zeebe:input source="=[]" target="contacts" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:startEvent id="Plan_Start" />
      <bpmn:sequenceFlow id="Flow_p1" sourceRef="Plan_Start" targetRef="Plan_Write" />
      <bpmn:userTask id="Plan_Write" />
      <bpmn:sequenceFlow id="Flow_p2" sourceRef="Plan_Write" targetRef="Plan_End" />
      <bpmn:endEvent id="Plan_End" />
      <bpmn:subProcess id="Plan_OnDeadline" triggeredByEvent="true">
        <bpmn:startEvent id="Deadline">
          <bpmn:timerEventDefinition id="Def_1">
            <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT48H</bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_d1" sourceRef="Deadline" targetRef="Deadline_End" />
        <bpmn:endEvent id="Deadline_End"><bpmn:terminateEventDefinition id="Def_2" /></bpmn:endEvent>
      </bpmn:subProcess>
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="Plan_Failed" attachedToRef="Sub_Plan">
      <bpmn:errorEventDefinition id="Def_3" />
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="Flow_f" sourceRef="Plan_Failed" targetRef="End" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub_Plan" targetRef="End" />
    <bpmn:endEvent id="End" />`,
  );

  it('compiles an embedded sub-process with its start event and event sub-processes', async () => {
    // when
    const model = await compiled(nested);
    // then
    expect(model.elements['Sub_Plan']).toStrictEqual({
      id: 'Sub_Plan',
      type: 'subProcess',
      name: 'Safety plan',
      incoming: ['Flow_1'],
      outgoing: ['Flow_2'],
      boundaryEventIds: ['Plan_Failed'],
      ioMapping: { inputs: [{ source: '=[]', target: 'contacts' }], outputs: [] },
      triggeredByEvent: false,
      startEventIds: ['Plan_Start'],
      eventSubProcessIds: ['Plan_OnDeadline'],
    });
    expect(model.elements['Plan_OnDeadline']).toStrictEqual({
      id: 'Plan_OnDeadline',
      type: 'subProcess',
      incoming: [],
      outgoing: [],
      parentId: 'Sub_Plan',
      boundaryEventIds: [],
      triggeredByEvent: true,
      startEventIds: ['Deadline'],
      eventSubProcessIds: [],
    });
    expect(model.eventSubProcessIds).toEqual([]);
  });

  it('puts nested elements and flows in the flat maps, each element naming its parent', async () => {
    // when
    const model = await compiled(nested);
    // then
    const parents = Object.fromEntries(
      Object.values(model.elements).map((element) => [element.id, element.parentId ?? null]),
    );
    expect(parents).toEqual({
      Start: null,
      Sub_Plan: null,
      Plan_Failed: null,
      End: null,
      Plan_Start: 'Sub_Plan',
      Plan_Write: 'Sub_Plan',
      Plan_End: 'Sub_Plan',
      Plan_OnDeadline: 'Sub_Plan',
      Deadline: 'Plan_OnDeadline',
      Deadline_End: 'Plan_OnDeadline',
    });
    expect(model.flows['Flow_d1']).toStrictEqual({
      id: 'Flow_d1',
      sourceId: 'Deadline',
      targetId: 'Deadline_End',
    });
    expect(model.elements['Plan_Write']).toMatchObject({ incoming: ['Flow_p1'], outgoing: ['Flow_p2'] });
    expect(model.elements['Deadline']).toMatchObject({
      trigger: { kind: 'timer', timer: { kind: 'duration', expression: 'PT48H' } },
      interrupting: true,
    });
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
  });
});

describe('compileProcess: gateways', () => {
  it('compiles an inclusive gateway with its default flow and an event-based gateway', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Who" />
      <bpmn:inclusiveGateway id="Who" default="Flow_teacher" />
      <bpmn:sequenceFlow id="Flow_parents" sourceRef="Who" targetRef="Join">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=parentsReachable</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="Flow_teacher" sourceRef="Who" targetRef="Join" />
      <bpmn:inclusiveGateway id="Join" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Join" targetRef="Race" />
      <bpmn:eventBasedGateway id="Race" />
      <bpmn:sequenceFlow id="Flow_reply" sourceRef="Race" targetRef="Reply" />
      <bpmn:sequenceFlow id="Flow_timeout" sourceRef="Race" targetRef="Timeout" />
      <bpmn:intermediateCatchEvent id="Reply">
        <bpmn:messageEventDefinition id="Def_1" messageRef="Message_Reply" />
      </bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="Timeout">
        <bpmn:timerEventDefinition id="Def_2">
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2H</bpmn:timeDuration>
        </bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Reply" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Timeout" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      message('Message_Reply', 'parents-reply', '=caseKey'),
    );
    // when
    const { elements, flows } = await compiled(xml);
    // then
    expect(elements['Who']).toMatchObject({
      type: 'inclusiveGateway',
      defaultFlowId: 'Flow_teacher',
      outgoing: ['Flow_parents', 'Flow_teacher'],
    });
    expect(flows['Flow_parents']?.condition).toBe('=parentsReachable');
    expect(elements['Join']).toMatchObject({
      type: 'inclusiveGateway',
      incoming: ['Flow_parents', 'Flow_teacher'],
    });
    expect(elements['Race']).toStrictEqual({
      id: 'Race',
      type: 'eventBasedGateway',
      incoming: ['Flow_2'],
      outgoing: ['Flow_reply', 'Flow_timeout'],
    });
  });
});
