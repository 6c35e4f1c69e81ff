import { diagram, layout, userTask } from '../../../../../test/support/bpmn-xml';
import { EXPECTED_CHANGES, versionOne, versionTwo } from '../../../../../test/support/version-diagrams';
import { compareVersions, type ElementChange } from './changes';

const ids = (changes: ElementChange[]) => changes.map((change) => change.id).sort();

describe('compareVersions', () => {
  it('lists what version 2 adds, removes and changes, with the changed properties', async () => {
    const changes = await compareVersions(versionOne('p'), versionTwo('p'));

    expect(ids(changes.added)).toEqual([...EXPECTED_CHANGES.added].sort());
    expect(ids(changes.removed)).toEqual([...EXPECTED_CHANGES.removed].sort());
    expect(ids(changes.changed)).toEqual([...EXPECTED_CHANGES.changed].sort());
    expect(changes.layout).toEqual([]);

    const assess = changes.changed.find((change) => change.id === 'assess');
    expect(assess).toMatchObject({ type: 'bpmn:UserTask', name: '心理风险初评' });
    expect(assess?.properties).toEqual([{ path: 'name', before: '初步评估', after: '心理风险初评' }]);

    const interview = changes.changed.find((change) => change.id === 'interview');
    expect(interview?.properties).toEqual(
      expect.arrayContaining([
        {
          path: 'zeebe:assignmentDefinition.candidateGroups',
          before: 'classTeacher',
          after: 'gradeLeader',
        },
        { path: 'zeebe:taskSchedule.dueDate', before: null, after: '=now() + duration("P2D")' },
      ]),
    );
    expect(interview?.properties).toHaveLength(2);

    expect(changes.removed.find((change) => change.id === 'followUp')).toMatchObject({
      type: 'bpmn:UserTask',
      name: '电话回访',
    });
    expect(changes.added.find((change) => change.id === 'f-report-end')).toMatchObject({
      type: 'bpmn:SequenceFlow',
      from: '上报督导',
      to: '结案',
    });
  });

  it('lists an element that only moved under layout, not as changed', async () => {
    const drawn = (column: number) =>
      diagram('p', `<bpmn:startEvent id="start" />${userTask('t')}`, {
        flows: ['<bpmn:sequenceFlow id="f" sourceRef="start" targetRef="t" />'],
        layout: layout(
          'p',
          [
            { id: 'start', shape: 'event', column: 0 },
            { id: 't', shape: 'task', column },
          ],
          [['f', 'start', 't']],
        ),
      });

    const changes = await compareVersions(drawn(1), drawn(2));

    expect(changes.changed).toEqual([]);
    expect(ids(changes.layout)).toEqual(['f', 't']);
  });

  it('finds nothing between identical versions', async () => {
    const changes = await compareVersions(versionOne('p'), versionOne('p'));
    expect(changes).toEqual({ added: [], removed: [], changed: [], layout: [] });
  });
});
