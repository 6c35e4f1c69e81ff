import { compiled, diagram, message, problemsOf } from './testing/diagram';

const only = async (xml: string): Promise<Array<[string, string]>> =>
  (await problemsOf(xml)).map(({ elementId, message }) => [elementId, message]);

const timerStart = (id: string): string => `
  <bpmn:startEvent id="${id}">
    <bpmn:timerEventDefinition id="${id}_def">
      <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
    </bpmn:timerEventDefinition>
  </bpmn:startEvent>`;

describe('validateProcess: start events of the process', () => {
  it('accepts a process that only messages and timers start', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="On_Referral">
        <bpmn:messageEventDefinition id="On_Referral_def" messageRef="Msg_Referral" />
      </bpmn:startEvent>
      <bpmn:startEvent id="Every_Hour">
        <bpmn:timerEventDefinition id="Every_Hour_def">
          <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1H</bpmn:timeCycle>
        </bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:sequenceFlow id="Flow_1" sourceRef="On_Referral" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Every_Hour" targetRef="End" />
      <bpmn:endEvent id="End" />`,
      message('Msg_Referral', 'referral'),
    );
    // when
    const model = await compiled(xml);
    // then
    expect(model.startEventIds).toEqual([]);
    expect(model.triggeredStartEventIds).toEqual(['On_Referral', 'Every_Hour']);
  });

  it('refuses a process without a start event, even when an event sub-process has one', async () => {
    // given
    const xml = diagram(`
      <bpmn:task id="Task" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Task" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="OnTimer" triggeredByEvent="true">
        ${timerStart('Timer')}
        <bpmn:sequenceFlow id="Flow_t" sourceRef="Timer" targetRef="Timer_End" />
        <bpmn:endEvent id="Timer_End" />
      </bpmn:subProcess>`);
    // then
    expect(await only(xml)).toEqual([
      [
        'pathway',
        "Expected a none, message, timer or signal start event in process 'pathway', where a case begins",
      ],
    ]);
  });
});

describe('validateProcess: start events of sub-processes', () => {
  it('asks an embedded sub-process for exactly one none start event', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub_Empty" />
      <bpmn:subProcess id="Sub_Empty">
        <bpmn:task id="Inner" />
        <bpmn:sequenceFlow id="Flow_i" sourceRef="Inner" targetRef="Inner_End" />
        <bpmn:endEvent id="Inner_End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub_Empty" targetRef="Sub_Two" />
      <bpmn:subProcess id="Sub_Two">
        <bpmn:startEvent id="Two_A" />
        <bpmn:startEvent id="Two_B" />
        <bpmn:sequenceFlow id="Flow_a" sourceRef="Two_A" targetRef="Two_End" />
        <bpmn:sequenceFlow id="Flow_b" sourceRef="Two_B" targetRef="Two_End" />
        <bpmn:endEvent id="Two_End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Sub_Two" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await only(xml)).toEqual([
      ['Sub_Empty', "Expected a none start event in embedded sub-process 'Sub_Empty', where it begins"],
      ['Two_B', "Expected one none start event per sub-process, found 2 in 'Sub_Two'"],
      // Nothing inside can run without a start event: the inner path is unreachable too.
      ['Inner', "Expected 'Inner' to be reachable from a start event"],
      ['Inner_End', "Expected 'Inner_End' to be reachable from a start event"],
    ]);
  });

  it('asks an event sub-process for exactly one start event', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="OnNothing" triggeredByEvent="true">
        <bpmn:endEvent id="Nothing_End" />
      </bpmn:subProcess>
      <bpmn:subProcess id="OnTimers" triggeredByEvent="true">
        ${timerStart('Timer_A')}
        ${timerStart('Timer_B')}
        <bpmn:sequenceFlow id="Flow_a" sourceRef="Timer_A" targetRef="Timers_End" />
        <bpmn:sequenceFlow id="Flow_b" sourceRef="Timer_B" targetRef="Timers_End" />
        <bpmn:endEvent id="Timers_End" />
      </bpmn:subProcess>`);
    // then
    expect(await only(xml)).toEqual([
      [
        'OnNothing',
        "Expected a start event in event sub-process 'OnNothing': its message, timer, signal, error or escalation trigger starts it",
      ],
      ['Timer_B', "Expected one start event per event sub-process, found 2 in 'OnTimers'"],
      ['Nothing_End', "Expected 'Nothing_End' to be reachable from a start event"],
    ]);
  });
});

describe('validateProcess: reachability', () => {
  it('reaches sub-process contents from their own start events, boundary events from their activity', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub" />
      <bpmn:subProcess id="Sub">
        <bpmn:startEvent id="Sub_Start" />
        <bpmn:sequenceFlow id="Flow_s1" sourceRef="Sub_Start" targetRef="Sub_Task" />
        <bpmn:userTask id="Sub_Task" />
        <bpmn:sequenceFlow id="Flow_s2" sourceRef="Sub_Task" targetRef="Sub_End" />
        <bpmn:endEvent id="Sub_End" />
        <bpmn:boundaryEvent id="Sub_Task_Late" cancelActivity="false" attachedToRef="Sub_Task">
          <bpmn:timerEventDefinition id="Def_1">
            <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="Flow_s3" sourceRef="Sub_Task_Late" targetRef="Late_End" />
        <bpmn:endEvent id="Late_End" />
        <bpmn:subProcess id="Sub_OnTimer" triggeredByEvent="true">
          ${timerStart('Sub_Timer')}
          <bpmn:sequenceFlow id="Flow_t" sourceRef="Sub_Timer" targetRef="Sub_Timer_End" />
          <bpmn:endEvent id="Sub_Timer_End" />
        </bpmn:subProcess>
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // when
    const model = await compiled(xml);
    // then
    expect(Object.keys(model.elements)).toEqual([
      'Start',
      'Sub',
      'End',
      'Sub_Start',
      'Sub_Task',
      'Sub_End',
      'Sub_Task_Late',
      'Late_End',
      'Sub_OnTimer',
      'Sub_Timer',
      'Sub_Timer_End',
    ]);
  });

  it('reports an unreachable sub-process once, not everything inside it', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" />
      <bpmn:endEvent id="End" />
      <bpmn:subProcess id="Orphan_Sub" name="Forgotten">
        <bpmn:startEvent id="Orphan_Start" />
        <bpmn:sequenceFlow id="Flow_o" sourceRef="Orphan_Start" targetRef="Orphan_Task" />
        <bpmn:userTask id="Orphan_Task" />
        <bpmn:sequenceFlow id="Flow_o2" sourceRef="Orphan_Task" targetRef="Orphan_End" />
        <bpmn:endEvent id="Orphan_End" />
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="Orphan_Boundary" attachedToRef="Orphan_Sub">
        <bpmn:errorEventDefinition id="Def_1" />
      </bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="Flow_b" sourceRef="Orphan_Boundary" targetRef="End" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Orphan_Sub" targetRef="End" />`);
    // then
    expect(await only(xml)).toEqual([
      ['Orphan_Sub', "Expected 'Forgotten' (Orphan_Sub) to be reachable from a start event"],
    ]);
  });

  it('reports an orphan inside a reachable sub-process', async () => {
    // given
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Sub" />
      <bpmn:subProcess id="Sub">
        <bpmn:startEvent id="Sub_Start" />
        <bpmn:sequenceFlow id="Flow_s1" sourceRef="Sub_Start" targetRef="Sub_End" />
        <bpmn:task id="Sub_Orphan" />
        <bpmn:sequenceFlow id="Flow_s2" sourceRef="Sub_Orphan" targetRef="Sub_End" />
        <bpmn:endEvent id="Sub_End" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Sub" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    expect(await only(xml)).toEqual([
      ['Sub_Orphan', "Expected 'Sub_Orphan' to be reachable from a start event"],
    ]);
  });
});
