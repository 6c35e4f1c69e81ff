import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess } from './compile';
import type { ProcessModel } from './model';
import { MAX_EXPRESSION_LENGTH } from './report';
import { asRead, diagram, problemsOf, type ReadProblem } from './testing/diagram';
import { checkXmlSafety } from './xml-guard';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

async function compiled(name: string): Promise<ProcessModel> {
  const result = await compileProcess(fixture(name));
  if (!result.ok) throw new Error(`Expected ${name} to compile: ${JSON.stringify(result.errors, null, 2)}`);
  return result.model;
}

/** Its problems, the Chinese checked too (testing/diagram.ts problemsOf). */
function problems(xml: string): Promise<ReadProblem[]> {
  return problemsOf(xml);
}

describe('compileProcess: valid diagrams', () => {
  it('compiles a diagram whose XML declaration names an encoding other than UTF-8: the text is already decoded', async () => {
    const xml = fixture('start-task-end.bpmn').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(xml).toContain('encoding="ISO-8859-1"');
    const result = await compileProcess(xml);
    expect(result).toMatchObject({ ok: true });
  });

  it('compiles a process that only its timer starts, as Camunda 8 does: no none start event', async () => {
    const model = await compiled('timer-start-only.bpmn');
    expect(model.startEventIds).toEqual([]);
    expect(model.triggeredStartEventIds).toEqual(['Start_Timer']);
  });

  it('compiles a Camunda Modeler start → user task → end diagram', async () => {
    // when
    const result = await compileProcess(fixture('start-task-end.bpmn'));
    // then
    expect(result).toStrictEqual({
      ok: true,
      warnings: [],
      model: {
        id: 'crisis-intake',
        name: 'Crisis intake',
        startEventIds: ['StartEvent_1'],
        triggeredStartEventIds: [],
        eventSubProcessIds: [],
        elements: {
          StartEvent_1: {
            id: 'StartEvent_1',
            type: 'startEvent',
            name: 'Concern reported',
            incoming: [],
            outgoing: ['Flow_1'],
            trigger: { kind: 'none' },
            interrupting: true,
          },
          Task_Assess: {
            id: 'Task_Assess',
            type: 'userTask',
            name: 'Assess risk',
            incoming: ['Flow_1'],
            outgoing: ['Flow_2'],
            boundaryEventIds: [],
            assignment: {
              assignee: '=reporter',
              candidateGroups: 'psychTeacher, classTeacher',
              candidateUsers: '=["wang.li"]',
            },
            formId: 'risk-assessment',
            dueDate: '=now() + duration("PT4H")',
            followUpDate: '2025-09-01T08:00:00Z',
            priority: 80,
          },
          EndEvent_1: {
            id: 'EndEvent_1',
            type: 'endEvent',
            name: 'Assessed',
            incoming: ['Flow_2'],
            outgoing: [],
            trigger: { kind: 'none' },
          },
        },
        flows: {
          Flow_1: { id: 'Flow_1', sourceId: 'StartEvent_1', targetId: 'Task_Assess' },
          Flow_2: { id: 'Flow_2', sourceId: 'Task_Assess', targetId: 'EndEvent_1' },
        },
      },
    });
  });

  it.each(['start-task-end.bpmn', 'exclusive-gateway.bpmn', 'parallel-gateway.bpmn'])(
    'produces a model that JSON round-trips unchanged (%s)',
    async (name) => {
      const model = await compiled(name);
      expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
    },
  );

  it('keeps gateway conditions as FEEL source and the default flow', async () => {
    const model = await compiled('exclusive-gateway.bpmn');
    expect(model.elements['Gateway_Risk']).toMatchObject({
      type: 'exclusiveGateway',
      defaultFlowId: 'Flow_low',
      outgoing: ['Flow_high', 'Flow_low'],
    });
    expect(model.flows['Flow_high']?.condition).toBe('=risk = "high"');
    expect(model.flows['Flow_low']).not.toHaveProperty('condition');
    expect(model.elements['Task_Monitor']?.type).toBe('manualTask');
    expect(model.elements['Gateway_Merge']?.incoming).toEqual(['Flow_escalated', 'Flow_monitored']);
  });

  it('compiles parallel gateways, undefined tasks and user tasks without extensions', async () => {
    const model = await compiled('parallel-gateway.bpmn');
    expect(model.elements['Fork']).toMatchObject({ type: 'parallelGateway', outgoing: ['Flow_a', 'Flow_b'] });
    expect(model.elements['Join']).toMatchObject({
      type: 'parallelGateway',
      incoming: ['Flow_a2', 'Flow_b2'],
    });
    expect(model.elements['Task_Teacher']?.type).toBe('task');
    expect(model.elements['Task_Parents']).toStrictEqual({
      id: 'Task_Parents',
      type: 'userTask',
      name: 'Call parents',
      incoming: ['Flow_a'],
      outgoing: ['Flow_a2'],
      boundaryEventIds: [],
      assignment: {},
    });
  });
});

describe('compileProcess: invalid diagrams report every problem', () => {
  it('asks for a condition or a default flow on exclusive gateway flows, and checks FEEL', async () => {
    expect(await problems(fixture('invalid-gateway-conditions.bpmn'))).toEqual([
      {
        elementId: 'Flow_high',
        elementType: 'bpmn:SequenceFlow',
        message:
          "Expected a valid FEEL expression as the condition of flow 'Flow_high': Incomplete <Comparison> at position 7 of '=risk >'",
      },
      {
        elementId: 'Flow_static',
        elementType: 'bpmn:SequenceFlow',
        message:
          "Expected a FEEL expression (starting with '=') as the condition of flow 'Flow_static', got '${risk == 'low'}'",
      },
      {
        elementId: 'Flow_plain',
        elementType: 'bpmn:SequenceFlow',
        message: "Expected a condition on flow 'Flow_plain', or mark it as the gateway's default flow",
      },
    ]);
  });

  it('names every unsupported element, event definition, loop and Zeebe extension with its tier', async () => {
    const task = { elementId: 'Task_Decide', elementType: 'bpmn:AdHocSubProcess' };
    expect(await problems(fixture('unsupported-elements.bpmn'))).toEqual([
      {
        ...task,
        message:
          'Expected only supported elements: bpmn:AdHocSubProcess (ad-hoc sub-process) is not supported yet (tier 2)',
      },
      {
        ...task,
        message:
          'Expected only supported elements: bpmn:StandardLoopCharacteristics (standard loop) is not supported',
      },
      {
        ...task,
        message: 'Expected only supported elements: zeebe:AdHoc is not supported',
      },
      {
        elementId: 'Gateway_Complex',
        elementType: 'bpmn:ComplexGateway',
        message: 'Expected only supported elements: bpmn:ComplexGateway (complex gateway) is not supported',
      },
      {
        // Signal boundary events (tier 2) run since issue 8; conditional ones (tier 3) never do.
        elementId: 'Boundary_Conditional',
        elementType: 'bpmn:BoundaryEvent',
        message:
          'Expected only supported elements: bpmn:BoundaryEvent with bpmn:ConditionalEventDefinition (conditional boundary event) is not supported',
      },
    ]);
  });

  it('reports unreachable elements and paths that end outside an end event', async () => {
    expect(await problems(fixture('unreachable-and-dead-end.bpmn'))).toEqual([
      {
        elementId: 'Task_Visit',
        elementType: 'bpmn:UserTask',
        message:
          "Expected an outgoing sequence flow from 'Home visit' (Task_Visit): only end events may end a path",
      },
      {
        elementId: 'Task_Orphan',
        elementType: 'bpmn:Task',
        message: "Expected 'Orphan' (Task_Orphan) to be reachable from a start event",
      },
      {
        elementId: 'End',
        elementType: 'bpmn:EndEvent',
        message: "Expected 'End' to be reachable from a start event",
      },
    ]);
  });

  it('checks user task assignment, schedule and priority', async () => {
    const task = { elementId: 'Task_Assess', elementType: 'bpmn:UserTask' };
    expect(await problems(fixture('invalid-user-task.bpmn'))).toEqual([
      {
        ...task,
        message:
          'Expected a valid FEEL expression as zeebe:assignmentDefinition assignee: Expected an expression after "=" at position 1 of \'=\'',
      },
      {
        ...task,
        message: expect.stringMatching(
          /^Expected a valid FEEL expression as zeebe:assignmentDefinition candidateGroups: .* at position 16 of/,
        ),
      },
      {
        ...task,
        message:
          "Expected zeebe:taskSchedule dueDate to be an ISO 8601 date-time with offset (e.g. 2025-09-01T08:00:00+08:00) or a FEEL expression, got 'next tuesday'",
      },
      {
        ...task,
        message: expect.stringMatching(
          /^Expected a valid FEEL expression as zeebe:taskSchedule followUpDate: .* at position 8 of '=now\(\) \+'$/,
        ),
      },
      {
        ...task,
        message: "Expected zeebe:priorityDefinition priority to be an integer from 0 to 100, got '150'",
      },
    ]);
  });

  it('rejects a diagram with more than one executable process', async () => {
    expect(await problems(fixture('two-executable-processes.bpmn'))).toEqual([
      {
        elementId: 'district',
        elementType: 'bpmn:Process',
        message:
          'Expected one executable process per diagram, found 2 (school, district): deploy them as separate diagrams or set isExecutable="false"',
      },
    ]);
  });

  it('compiles the executable one when the other processes are not executable', async () => {
    const xml = fixture('two-executable-processes.bpmn').replace(
      '<bpmn:process id="district" isExecutable="true">',
      '<bpmn:process id="district" isExecutable="false">',
    );
    const result = await compileProcess(xml);
    expect(result.ok && result.model.id).toBe('school');
  });

  it('requires an executable process', async () => {
    const xml = fixture('start-task-end.bpmn').replace('isExecutable="true"', 'isExecutable="false"');
    expect(await problems(xml)).toEqual([
      {
        elementId: 'crisis-intake',
        elementType: 'bpmn:Process',
        message: 'Expected an executable process: set isExecutable="true" on process \'crisis-intake\'',
      },
    ]);
  });

  it('turns moddle parse warnings into problems naming the element', async () => {
    expect(await problems(fixture('unknown-content.bpmn'))).toEqual([
      {
        elementId: 'odd',
        elementType: 'bpmn:Process',
        message: 'Expected only known attributes: colour is not an attribute of bpmn:Process',
      },
      {
        elementId: 'Task_Odd',
        elementType: 'bpmn:frobnicateTask',
        message:
          'Expected only supported elements: <bpmn:frobnicateTask> at line 6, column 5 cannot be read (it is not a known BPMN or Zeebe element); it is not supported',
      },
      {
        elementId: 'Flow_1',
        elementType: 'bpmn:SequenceFlow',
        message: "Expected bpmn:targetRef to name an element of the diagram, but 'Task_Odd' does not exist",
      },
      {
        elementId: 'Flow_2',
        elementType: 'bpmn:SequenceFlow',
        message: "Expected bpmn:targetRef to name an element of the diagram, but 'Missing' does not exist",
      },
    ]);
  });

  it('reports a duplicate id', async () => {
    const xml = fixture('start-task-end.bpmn').replace(
      '<bpmn:endEvent id="EndEvent_1" name="Assessed">',
      '<bpmn:endEvent id="Task_Assess" name="Assessed">',
    );
    expect(await problems(xml)).toContainEqual({
      elementId: 'Task_Assess',
      elementType: 'bpmn:endEvent',
      message: expect.stringContaining('duplicate ID <Task_Assess>'),
    });
  });

  it('rejects a prototype-polluting id', async () => {
    const xml = fixture('start-task-end.bpmn').replaceAll('Task_Assess', '__proto__');
    expect(await problems(xml)).toContainEqual({
      elementId: '__proto__',
      elementType: 'bpmn:UserTask',
      message: "Expected an element id other than '__proto__'",
    });
  });

  it('rejects a condition on a default flow and on a flow leaving a task', async () => {
    const condition = '<bpmn:conditionExpression>=true</bpmn:conditionExpression>';
    const xml = fixture('exclusive-gateway.bpmn')
      .replace(
        '<bpmn:sequenceFlow id="Flow_low" sourceRef="Gateway_Risk" targetRef="Task_Monitor" />',
        `<bpmn:sequenceFlow id="Flow_low" sourceRef="Gateway_Risk" targetRef="Task_Monitor">${condition}</bpmn:sequenceFlow>`,
      )
      .replace(
        '<bpmn:sequenceFlow id="Flow_monitored" sourceRef="Task_Monitor" targetRef="Gateway_Merge" />',
        `<bpmn:sequenceFlow id="Flow_monitored" sourceRef="Task_Monitor" targetRef="Gateway_Merge">${condition}</bpmn:sequenceFlow>`,
      );
    expect(await problems(xml)).toEqual([
      {
        elementId: 'Flow_low',
        elementType: 'bpmn:SequenceFlow',
        message: "Expected no condition on flow 'Flow_low', the gateway's default flow",
      },
      {
        elementId: 'Flow_monitored',
        elementType: 'bpmn:SequenceFlow',
        message:
          "Expected no condition on flow 'Flow_monitored': only flows leaving an exclusive or inclusive gateway are conditional",
      },
    ]);
  });

  it('allows one none start event per process', async () => {
    const xml = fixture('start-task-end.bpmn').replace(
      '<bpmn:endEvent id="EndEvent_1"',
      '<bpmn:startEvent id="Start_2"><bpmn:outgoing>Flow_3</bpmn:outgoing></bpmn:startEvent><bpmn:sequenceFlow id="Flow_3" sourceRef="Start_2" targetRef="Task_Assess" /><bpmn:endEvent id="EndEvent_1"',
    );
    expect(await problems(xml)).toEqual([
      {
        elementId: 'Start_2',
        elementType: 'bpmn:StartEvent',
        message: 'Expected one none start event per process, found 2',
      },
    ]);
  });

  it('keeps messages short when the diagram quotes huge text', async () => {
    const huge = 'x'.repeat(100_000);
    const xml = fixture('unreachable-and-dead-end.bpmn').replace('name="Orphan"', `name="${huge}"`);
    const longId = fixture('start-task-end.bpmn').replaceAll('Task_Assess', `Task_${huge}`);
    const errors = [...(await problems(xml)), ...(await problems(longId))];
    for (const error of errors) {
      expect(error.message.length).toBeLessThan(400);
      expect(error.elementId.length).toBeLessThan(300);
    }
    expect(errors).toContainEqual({
      elementId: expect.stringMatching(/^Task_x+…$/),
      elementType: 'bpmn:UserTask',
      message: 'Expected an element id of at most 255 characters',
    });
  });

  it('reports input that is not BPMN', async () => {
    expect(await problems('<html><body/></html>')).toEqual([
      { elementId: '', elementType: 'xml', message: expect.stringMatching(/^Expected BPMN 2.0 XML/) },
    ]);
    expect(await problems('<bpmn:definitions')).toEqual([
      { elementId: '', elementType: 'xml', message: expect.stringMatching(/^Expected BPMN 2.0 XML/) },
    ]);
  });
});

describe('compileProcess: hostile XML is refused before parsing', () => {
  // "Before parsing" is shown by the answer being exactly the linear pre-parse scan's: no parser
  // ran to add its own complaint. (How fast the scan is belongs in bench/, not in a unit test.)
  const refusedQuickly = async (xml: string): Promise<ReadProblem[]> => {
    const errors = await problems(xml);
    const scanned = checkXmlSafety(xml);
    expect(scanned.length).toBeGreaterThan(0);
    expect(errors).toEqual(asRead(scanned));
    return errors;
  };

  it('refuses an external entity (XXE)', async () => {
    expect(await refusedQuickly(fixture('xxe.bpmn'))).toEqual([
      {
        elementId: '',
        elementType: 'xml',
        message: 'Expected no <!DOCTYPE> declaration: document types and entities are not allowed',
      },
      {
        elementId: '',
        elementType: 'xml',
        message: 'Expected no <!ENTITY> declaration: entities are not allowed',
      },
    ]);
  });

  it('refuses an entity expansion bomb (billion laughs)', async () => {
    const errors = await refusedQuickly(fixture('billion-laughs.bpmn'));
    expect(errors.map((error) => error.message)).toContain(
      'Expected no <!ENTITY> declaration: entities are not allowed',
    );
  });

  it('refuses a diagram over 2 MiB', async () => {
    const xml = fixture('start-task-end.bpmn') + `<!-- ${'x'.repeat(2 * 1024 * 1024)} -->`;
    expect(await refusedQuickly(xml)).toEqual([
      { elementId: '', elementType: 'xml', message: 'Expected a diagram of at most 2 MiB, got 2.0 MiB' },
    ]);
  });

  it('counts bytes, not characters', async () => {
    const xml = fixture('start-task-end.bpmn') + `<!-- ${'危'.repeat(800 * 1024)} -->`;
    expect(await refusedQuickly(xml)).toEqual([
      {
        elementId: '',
        elementType: 'xml',
        message: expect.stringMatching(/^Expected a diagram of at most 2 MiB/),
      },
    ]);
  });

  it('refuses a NUL character, raw or as a character reference', async () => {
    const named = (name: string) =>
      fixture('start-task-end.bpmn').replace('name="Crisis intake"', `name="${name}"`);
    for (const xml of [named('Crisis\u0000intake'), named('Crisis&#0;intake'), named('Crisis&#x00;intake')]) {
      expect(await refusedQuickly(xml)).toEqual([
        {
          elementId: '',
          elementType: 'xml',
          message: 'Expected no NUL character (U+0000, also as &#0;) in the diagram',
        },
      ]);
    }
  });

  it('refuses an oversized expression without parsing it, naming its element', async () => {
    // given a 400 KB condition (parsing it would take the heap)
    const condition = `=${Array.from({ length: 40_000 }, (_, i) => `a${i}`).join(' or ')}`;
    const xml = diagram(`
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Which" />
      <bpmn:exclusiveGateway id="Which" default="Flow_default" />
      <bpmn:sequenceFlow id="Flow_huge" sourceRef="Which" targetRef="End">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="Flow_default" sourceRef="Which" targetRef="End" />
      <bpmn:endEvent id="End" />`);
    // then
    const started = performance.now();
    expect(await problems(xml)).toEqual([
      {
        elementId: 'Flow_huge',
        elementType: 'bpmn:SequenceFlow',
        message: `Expected at most ${MAX_EXPRESSION_LENGTH} characters as the condition of flow 'Flow_huge', got ${condition.length}: move the logic into smaller expressions or a service task`,
      },
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses more than 5,000 elements', async () => {
    const xml = fixture('start-task-end.bpmn').replace(
      '<bpmn:process',
      `${'<bpmn:documentation>x</bpmn:documentation>'.repeat(5001)}<bpmn:process`,
    );
    expect(await refusedQuickly(xml)).toEqual([
      { elementId: '', elementType: 'xml', message: 'Expected at most 5000 XML elements, found more' },
    ]);
  });
});
