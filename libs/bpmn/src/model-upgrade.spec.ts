import { compileProcess } from './compile';
import type { ProcessModel } from './model';
import { upgradeModel } from './model-upgrade';

/** The model of single-task.bpmn as the walking skeleton's compiler stored it (before issue 3). */
const FIRST_SHAPE = {
  id: 'initial-assessment',
  elements: {
    start: { id: 'start', type: 'startEvent', incoming: [], outgoing: ['f1'] },
    assess: { id: 'assess', type: 'userTask', assignment: {}, incoming: ['f1'], outgoing: ['f2'] },
    end: { id: 'end', type: 'endEvent', incoming: ['f2'], outgoing: [] },
  },
  flows: {
    f1: { id: 'f1', sourceId: 'start', targetId: 'assess' },
    f2: { id: 'f2', sourceId: 'assess', targetId: 'end' },
  },
  startEventIds: ['start'],
} as unknown as ProcessModel;

describe('upgradeModel', () => {
  it('gives a first-shape model the fields the engine reads now, meaning "as before"', () => {
    // when
    const model = upgradeModel(FIRST_SHAPE);
    // then
    expect(model.triggeredStartEventIds).toEqual([]);
    expect(model.eventSubProcessIds).toEqual([]);
    expect(model.elements.start).toMatchObject({ trigger: { kind: 'none' }, interrupting: true });
    expect(model.elements.end).toMatchObject({ trigger: { kind: 'none' } });
    expect(model.elements.assess).toMatchObject({ boundaryEventIds: [] });
  });

  it('leaves a current model as it is', async () => {
    // given
    const compiled = await compileProcess(
      `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /></bpmn:process></bpmn:definitions>`,
    );
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    // then
    expect(upgradeModel(compiled.model)).toEqual(compiled.model);
  });
});
