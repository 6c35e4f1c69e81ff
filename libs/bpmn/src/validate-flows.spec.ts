import { diagram, message, problemsOf } from './testing/diagram';

const only = async (xml: string): Promise<Array<[string, string]>> =>
  (await problemsOf(xml)).map(({ elementId, message }) => [elementId, message]);

describe('validateProcess: gateways', () => {
  it('asks for a condition on every non-default flow leaving an inclusive gateway', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Who" />
      <bpmn:inclusiveGateway id="Who" default="Flow_default" />
      <bpmn:sequenceFlow id="Flow_parents" sourceRef="Who" targetRef="End">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=parentsReachable</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="Flow_teacher" sourceRef="Who" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_default" sourceRef="Who" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await problemsOf(xml)).toEqual([
      {
        elementId: 'Flow_teacher',
        elementType: 'bpmn:SequenceFlow',
        message: "Expected a condition on flow 'Flow_teacher', or mark it as the gateway's default flow",
      },
    ]);
  });

  it('refuses a default flow on an activity', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task" />
      <bpmn:task id="Task" default="Flow_2" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Task" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await only(xml)).toEqual([
      [
        'Task',
        "Expected no default flow on 'Task': default flows are supported on exclusive and inclusive gateways",
      ],
    ]);
  });

  it('lets an event-based gateway lead only to timer, message or signal catch events or receive tasks', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Race" />
      <bpmn:eventBasedGateway id="Race" />
      <bpmn:sequenceFlow id="Flow_reply" sourceRef="Race" targetRef="Reply" />
      <bpmn:sequenceFlow id="Flow_call" sourceRef="Race" targetRef="Call" />
      <bpmn:sequenceFlow id="Flow_task" sourceRef="Race" targetRef="Task" />
      <bpmn:receiveTask id="Reply" messageRef="Message_1" />
      <bpmn:userTask id="Call" name="Call parents" />
      <bpmn:task id="Task" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Reply" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Call" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Task" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      message('Message_1', 'reply', '=caseKey'),
    );
    // then
    expect(await only(xml)).toEqual([
      [
        'Race',
        "Expected event-based gateway 'Race' to lead only to timer, message or signal intermediate catch events or receive tasks, but flow 'Flow_call' leads to bpmn:UserTask 'Call parents' (Call)",
      ],
      [
        'Race',
        "Expected event-based gateway 'Race' to lead only to timer, message or signal intermediate catch events or receive tasks, but flow 'Flow_task' leads to bpmn:Task 'Task'",
      ],
    ]);
  });

  it('asks an event-based gateway for at least two events to wait for', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Race" />
      <bpmn:eventBasedGateway id="Race" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Race" targetRef="Wait" />
      <bpmn:intermediateCatchEvent id="Wait">
        <bpmn:timerEventDefinition id="Def_1">
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
        </bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Wait" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await only(xml)).toEqual([
      [
        'Race',
        "Expected at least two outgoing sequence flows from event-based gateway 'Race', one per event it waits for",
      ],
    ]);
  });
});

describe('validateProcess: sequence flows and sub-processes', () => {
  it('refuses a sequence flow that crosses a sub-process boundary', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub" />
      <bpmn:subProcess id="Sub" name="Plan">
        <bpmn:startEvent id="Sub_Start" />
        <bpmn:sequenceFlow id="Flow_s" sourceRef="Sub_Start" targetRef="Sub_Task" />
        <bpmn:userTask id="Sub_Task" />
        <bpmn:sequenceFlow id="Flow_jump" sourceRef="Sub_Task" targetRef="End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await only(xml)).toEqual([
      [
        'Flow_jump',
        "Expected sequence flow 'Flow_jump' to stay inside sub-process 'Plan' (Sub): 'End' is in another (sub-)process, and flows may not cross sub-process boundaries",
      ],
    ]);
  });

  it('refuses sequence flows into or out of an event sub-process', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="OnTimeout" />
      <bpmn:subProcess id="OnTimeout" triggeredByEvent="true">
        <bpmn:startEvent id="Timeout">
          <bpmn:timerEventDefinition id="Def_1">
            <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="Flow_t" sourceRef="Timeout" targetRef="Timeout_End" />
        <bpmn:endEvent id="Timeout_End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="OnTimeout" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await only(xml)).toEqual([
      [
        'OnTimeout',
        "Expected no sequence flow into or out of event sub-process 'OnTimeout': the trigger of its start event starts it",
      ],
    ]);
  });
});
