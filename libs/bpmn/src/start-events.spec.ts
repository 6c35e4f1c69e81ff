import type { ProcessModel } from './model';
import { noNoneStartEventReason, startsOnlyByTrigger, triggeredStartsOf } from './start-events';
import { compiled, diagram, message } from './testing/diagram';

const messageAndTimer = diagram(
  `
  <bpmn:startEvent id="on-go"><bpmn:messageEventDefinition id="on-go_def" messageRef="Msg_go" /></bpmn:startEvent>
  <bpmn:startEvent id="every-month">
    <bpmn:timerEventDefinition id="every-month_def">
      <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/P1M</bpmn:timeCycle>
    </bpmn:timerEventDefinition>
  </bpmn:startEvent>
  <bpmn:sequenceFlow id="Flow_1" sourceRef="on-go" targetRef="End" />
  <bpmn:sequenceFlow id="Flow_2" sourceRef="every-month" targetRef="End" />
  <bpmn:endEvent id="End" />`,
  message('Msg_go', 'go'),
);

describe('start events of a process without a none start event', () => {
  it('names each message and timer start event and how it starts a case', async () => {
    const model = await compiled(messageAndTimer);
    expect(noNoneStartEventReason(model)).toBe(
      "Process 'pathway' has no none start event: it starts by message 'go' (start event 'on-go', POST /api/messages) or by its timer (start event 'every-month')",
    );
    expect(triggeredStartsOf(model)).toEqual([
      expect.objectContaining({
        elementId: 'on-go',
        message:
          "Expected message 'go' to start this process: publish it with POST /api/messages (start event 'on-go')",
      }),
      expect.objectContaining({
        elementId: 'every-month',
        message:
          "Expected the timer of start event 'every-month' (R/P1M) to start this process: no request starts it",
      }),
    ]);
  });

  it('has nothing to say about a process with a none start event, or a model that lists no start events', async () => {
    const model = await compiled(
      diagram(`<bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="End" /><bpmn:endEvent id="End" />`),
    );
    expect(noNoneStartEventReason(model)).toBeUndefined();
    expect(startsOnlyByTrigger({ id: 'stored', elements: {}, flows: {} } as unknown as ProcessModel)).toBe(
      false,
    );
  });
});
