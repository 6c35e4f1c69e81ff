import { compileProcess } from './compile';
import { between, diagram } from './testing/diagram';

/** The school-day FEEL functions (docs/calendars.md) in the places a diagram sets deadlines. */
describe('compileProcess: school-day functions', () => {
  it('deploys a due date, a follow-up date and timers computed with school days', async () => {
    const xml = diagram(
      between(
        `<bpmn:userTask id="Review" name="Review">
          <bpmn:extensionElements>
            <zeebe:assignmentDefinition candidateGroups="psychTeacher" />
            <zeebe:taskSchedule dueDate="=add school days(now(), 3)" followUpDate="=add working days(today(), 1)" />
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:boundaryEvent id="Late" attachedToRef="Review" cancelActivity="false">
          <bpmn:timerEventDefinition id="Def_Late">
            <bpmn:timeDate xsi:type="bpmn:tFormalExpression">=add school days(now(), 5)</bpmn:timeDate>
          </bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="Flow_late" sourceRef="Late" targetRef="Late_End" />
        <bpmn:endEvent id="Late_End" />`,
        'Review',
      ),
    );
    const result = await compileProcess(xml);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(result.model.elements['Review']).toMatchObject({
      dueDate: '=add school days(now(), 3)',
      followUpDate: '=add working days(today(), 1)',
    });
    expect(result.model.elements['Late']).toMatchObject({
      trigger: { kind: 'timer', timer: { kind: 'date', expression: '=add school days(now(), 5)' } },
    });
  });

  it('deploys conditions that count and tell school days', async () => {
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_in" sourceRef="Start" targetRef="Split" />
      <bpmn:exclusiveGateway id="Split" default="Flow_later" />
      <bpmn:sequenceFlow id="Flow_now" sourceRef="Split" targetRef="End">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=is school day(today()) and school days between(openedAt, now()) &gt; 2</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="Flow_later" sourceRef="Split" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    expect(await compileProcess(xml)).toMatchObject({ ok: true, warnings: [] });
  });

  it('still refuses a broken call of one', async () => {
    const xml = diagram(
      between(
        `<bpmn:userTask id="Review">
          <bpmn:extensionElements><zeebe:taskSchedule dueDate="=add school days(now(), 3" /></bpmn:extensionElements>
        </bpmn:userTask>`,
        'Review',
      ),
    );
    expect(await compileProcess(xml)).toMatchObject({ ok: false });
  });
});
