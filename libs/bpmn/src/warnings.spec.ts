import { compileProcess } from './compile';
import { between, diagram } from './testing/diagram';

async function warningsOf(xml: string) {
  const result = await compileProcess(xml);
  if (!result.ok) throw new Error(`Expected the diagram to compile: ${JSON.stringify(result.errors)}`);
  return result.warnings;
}

const assigned =
  '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="psychTeacher" /></bpmn:extensionElements>';

describe('deploy warnings', () => {
  it('accepts data objects, data stores and their associations, warning that they are ignored', async () => {
    // given a task that writes a data object and reads a data store (Camunda 8: modelling only)
    const task = `<bpmn:userTask id="Record" name="记录">${assigned}
      <bpmn:dataInputAssociation id="In_1"><bpmn:sourceRef>Store</bpmn:sourceRef><bpmn:targetRef>Record</bpmn:targetRef></bpmn:dataInputAssociation>
      <bpmn:dataOutputAssociation id="Out_1"><bpmn:targetRef>Notes_ref</bpmn:targetRef></bpmn:dataOutputAssociation>
    </bpmn:userTask>`;
    const xml = diagram(
      between(
        task,
        'Record',
        '<bpmn:dataObjectReference id="Notes_ref" dataObjectRef="Notes" /><bpmn:dataObject id="Notes" /><bpmn:dataStoreReference id="Store" />',
      ),
    );
    // when
    const warnings = await warningsOf(xml);
    // then each modelling-only element is named once, in document order, nothing else
    expect(warnings.map((w) => [w.elementId, w.elementType])).toEqual([
      ['In_1', 'bpmn:DataInputAssociation'],
      ['Out_1', 'bpmn:DataOutputAssociation'],
      ['Notes_ref', 'bpmn:DataObjectReference'],
      ['Store', 'bpmn:DataStoreReference'],
    ]);
    expect(warnings[2]?.message).toContain('modelling only');
  });

  it('warns about a user task nobody can ever see, and only about that one', async () => {
    const xml = diagram(
      `<bpmn:startEvent id="Start" />
       <bpmn:userTask id="Lost" />
       <bpmn:userTask id="Seen">${assigned}</bpmn:userTask>
       <bpmn:endEvent id="End" />
       <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Lost" />
       <bpmn:sequenceFlow id="F2" sourceRef="Lost" targetRef="Seen" />
       <bpmn:sequenceFlow id="F3" sourceRef="Seen" targetRef="End" />`,
    );
    expect(await warningsOf(xml)).toEqual([
      {
        elementId: 'Lost',
        elementType: 'bpmn:UserTask',
        message: expect.stringContaining('nobody will ever see it'),
      },
    ]);
  });
});
