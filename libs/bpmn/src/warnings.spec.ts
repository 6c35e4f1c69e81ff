import { compileProcess } from './compile';
import { asRead, between, compiled, diagram } from './testing/diagram';
import { deprecatedJobWarnings } from './warnings';

async function warningsOf(xml: string) {
  const result = await compileProcess(xml);
  if (!result.ok) throw new Error(`Expected the diagram to compile: ${JSON.stringify(result.errors)}`);
  return asRead(result.warnings);
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

describe('deprecated job types', () => {
  it('warns about a service task whose job type is on its way out, naming what to use instead', async () => {
    // given a diagram using `notify`, and a registry that deprecates it
    const task =
      '<bpmn:serviceTask id="Tell"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /><zeebe:taskHeaders><zeebe:header key="recipients" value="principal" /></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>';
    const model = await compiled(diagram(between(task, 'Tell')));
    // when / then
    expect(asRead(deprecatedJobWarnings(model, { notify: "use 'notify-people'" }))).toEqual([
      {
        elementId: 'Tell',
        elementType: 'bpmn:ServiceTask',
        message: "Job type 'notify' of 'Tell' is deprecated: use 'notify-people'",
      },
    ]);
    expect(deprecatedJobWarnings(model, {})).toEqual([]);
  });
});
