import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess } from './compile';
import { compiled } from './testing/diagram';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const read = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
const invalidFixtures = readdirSync(join(FIXTURES, 'invalid')).filter((name) => name.endsWith('.bpmn'));

describe('the diagrams in test/fixtures', () => {
  it('compiles the Camunda Modeler care pathway without a problem', async () => {
    // when
    const result = await compileProcess(read('camunda-modeler/care-pathway.bpmn'));
    // then
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.warnings).toEqual([]);
    const { elements, startEventIds } = result.model;
    expect(startEventIds).toEqual(['StartEvent_1']);
    expect(elements['Activity_1pln4gh']).toMatchObject({
      type: 'userTask',
      assignment: { candidateGroups: 'psychTeacher' },
      dueDate: '=now() + duration("PT24H")',
      boundaryEventIds: ['Event_0rmd8no'],
    });
    expect(elements['Event_0rmd8no']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'cycle', expression: 'R3/PT1H' } },
      outgoing: ['Flow_0rmd9pq'],
    });
    expect(elements['Activity_0ntfy3f']).toMatchObject({
      type: 'serviceTask',
      jobType: 'notify',
      retries: 5,
      headers: { recipients: 'principal,classTeacher' },
    });
    expect(elements['Event_0ack4za']).toMatchObject({
      trigger: { kind: 'message', messageName: 'guardian-acknowledged', correlationKey: '=caseKey' },
    });
    expect(elements['Gateway_0r1sk9q']).toMatchObject({ defaultFlowId: 'Flow_0low4rs' });
  });

  it('compiles the single-task diagram the end-to-end tests deploy', async () => {
    expect((await compiled(read('single-task.bpmn'))).startEventIds).toEqual(['concern-raised']);
  });

  it('has invalid diagrams to reject', () => {
    expect(invalidFixtures.length).toBeGreaterThanOrEqual(7);
  });

  it.each(invalidFixtures)(
    'rejects invalid/%s, naming the element its header comment names',
    async (name) => {
      // given
      const xml = read(join('invalid', name));
      const wrongElement = /Wrong element: (\S+) -->/.exec(xml)?.[1];
      // when
      const result = await compileProcess(xml);
      // then
      expect(wrongElement).toBeDefined();
      expect(result.ok).toBe(false);
      const errors = result.ok ? [] : result.errors;
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error).toEqual({
          elementId: wrongElement,
          elementType: expect.any(String),
          code: expect.stringMatching(/^[a-z][A-Za-z]*\.[A-Za-z.]+$/),
          params: expect.any(Object),
          message: expect.stringMatching(/^Expected /),
        });
      }
    },
  );
});

describe('Camunda Modeler compatibility', () => {
  it('accepts modeler and colour attributes and diagram interchange anywhere, and still names unknown ones', async () => {
    // given: what Camunda Modeler writes around a coloured task
    const xml = read('camunda-modeler/care-pathway.bpmn')
      .replace(
        'xmlns:modeler="http://camunda.org/schema/modeler/1.0"',
        'xmlns:modeler="http://camunda.org/schema/modeler/1.0" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" xmlns:color="http://www.omg.org/spec/BPMN/non-normative/color/1.0"',
      )
      .replace(
        '<bpmndi:BPMNShape id="Activity_0abc123_di" bpmnElement="Activity_0abc123">',
        '<bpmndi:BPMNShape id="Activity_0abc123_di" bpmnElement="Activity_0abc123" bioc:stroke="#831311" bioc:fill="#ffcdd2" color:background-color="#ffcdd2" color:border-color="#831311">',
      )
      .replace(
        '<bpmn:userTask id="Activity_0abc123" name="Assess risk">',
        '<bpmn:userTask id="Activity_0abc123" name="Assess risk" modeler:note="x">',
      );
    // when
    const result = await compileProcess(xml);
    // then
    expect(result).toMatchObject({ ok: true, warnings: [] });
    // given: an attribute of no namespace that BPMN does not define
    const unknown = xml.replace(
      '<bpmn:userTask id="Activity_0abc123" name="Assess risk"',
      '<bpmn:userTask id="Activity_0abc123" name="Assess risk" dueDate="tomorrow"',
    );
    // then
    expect(await compileProcess(unknown)).toEqual({
      ok: false,
      errors: [
        {
          elementId: 'Activity_0abc123',
          elementType: 'bpmn:UserTask',
          code: 'xml.unknownAttribute',
          params: { attribute: 'dueDate', type: 'bpmn:UserTask' },
          message: 'Expected only known attributes: dueDate is not an attribute of bpmn:UserTask',
        },
      ],
    });
  });
});
