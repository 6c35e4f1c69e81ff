import { between, diagram, message, problemsOf } from './testing/diagram';
import { JOB_TYPES } from './job-types';

/** The job types the deploy validator names when it refuses one. */
const KNOWN_JOB_TYPES = JOB_TYPES.join(', ');

const only = async (xml: string): Promise<Array<[string, string]>> =>
  (await problemsOf(xml)).map(({ elementId, message }) => [elementId, message]);

describe('validateProcess: service and send tasks', () => {
  const serviceTask = (id: string, extensions: string, type = 'serviceTask'): string =>
    `<bpmn:${type} id="${id}"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:${type}>`;

  it('asks for a job type the worker handles', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="No_Type" />
      <bpmn:serviceTask id="No_Type" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="No_Type" targetRef="Unknown" />
      ${serviceTask('Unknown', '<zeebe:taskDefinition type="send-sms" />', 'sendTask')}
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Unknown" targetRef="Dynamic" />
      ${serviceTask('Dynamic', '<zeebe:taskDefinition type="=handler" />')}
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Dynamic" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // when
    const problems = await problemsOf(xml);
    // then
    expect(problems).toEqual([
      {
        elementId: 'No_Type',
        elementType: 'bpmn:ServiceTask',
        message: `Expected a job type on 'No_Type': set zeebe:taskDefinition type (one of: ${KNOWN_JOB_TYPES})`,
      },
      {
        elementId: 'Unknown',
        elementType: 'bpmn:SendTask',
        message: `Expected the zeebe:taskDefinition type of 'Unknown' to be a job type the worker handles (one of: ${KNOWN_JOB_TYPES}), got 'send-sms'`,
      },
      {
        elementId: 'Dynamic',
        elementType: 'bpmn:ServiceTask',
        message: `Expected a static zeebe:taskDefinition type on 'Dynamic' (one of: ${KNOWN_JOB_TYPES}): a FEEL job type cannot be checked against the worker's handlers`,
      },
    ]);
  });

  it.each(['0', '101', 'three', '=retries', '2.5'])('refuses retries %j', async (retries) => {
    // given
    const xml = diagram(
      between(serviceTask('Task', `<zeebe:taskDefinition type="notify" retries="${retries}" />`), 'Task'),
    );
    // then
    expect(await only(xml)).toEqual([
      [
        'Task',
        `Expected the zeebe:taskDefinition retries of 'Task' to be an integer from 1 to 100, got '${retries}'`,
      ],
    ]);
  });

  it('asks every header for a key, once', async () => {
    // given
    const headers = `<zeebe:taskHeaders>
      <zeebe:header key="recipients" value="principal" />
      <zeebe:header value="orphan" />
      <zeebe:header key="recipients" value="classTeacher" />
    </zeebe:taskHeaders>`;
    const xml = diagram(
      between(serviceTask('Task', `<zeebe:taskDefinition type="notify" />${headers}`), 'Task'),
    );
    // then
    expect(await only(xml)).toEqual([
      ['Task', "Expected a key on every zeebe:header of 'Task'"],
      ['Task', "Expected each zeebe:header key once on 'Task', found 'recipients' again"],
    ]);
  });
});

describe('validateProcess: receive, script and call activities', () => {
  it('asks a receive task for a message with a correlation key', async () => {
    // given
    const xml = diagram(
      between('<bpmn:receiveTask id="Wait" messageRef="Message_1" />', 'Wait'),
      message('Message_1', 'report-received'),
    );
    // then
    expect(await problemsOf(xml)).toEqual([
      {
        elementId: 'Wait',
        elementType: 'bpmn:ReceiveTask',
        message:
          "Expected a correlation key on message 'Message_1' of 'Wait': set zeebe:subscription correlationKey (e.g. =caseKey)",
      },
    ]);
  });

  it('asks a script task for a zeebe:script FEEL expression and a result variable', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Empty" />
      <bpmn:scriptTask id="Empty" scriptFormat="groovy"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Empty" targetRef="Broken" />
      <bpmn:scriptTask id="Broken">
        <bpmn:extensionElements><zeebe:script expression="=sum(answers" resultVariable="total score" /></bpmn:extensionElements>
      </bpmn:scriptTask>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Broken" targetRef="Static" />
      <bpmn:scriptTask id="Static">
        <bpmn:extensionElements><zeebe:script expression="42" resultVariable="answer" /></bpmn:extensionElements>
      </bpmn:scriptTask>
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Static" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // then
    expect(await only(xml)).toEqual([
      ['Empty', "Expected a FEEL expression on script task 'Empty': set zeebe:script expression"],
      ['Empty', "Expected a result variable on script task 'Empty': set zeebe:script resultVariable"],
      [
        'Broken',
        expect.stringMatching(
          /^Expected a valid FEEL expression as the zeebe:script expression of 'Broken': .* at position \d+ of '=sum\(answers'$/,
        ),
      ],
      [
        'Broken',
        "Expected the zeebe:script resultVariable of 'Broken' to be a variable name, got 'total score'",
      ],
      [
        'Static',
        "Expected a FEEL expression (starting with '=') as the zeebe:script expression of 'Static', got '42'",
      ],
    ]);
  });

  it('asks a call activity for the process it calls, in its latest version', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Call_None" />
      <bpmn:callActivity id="Call_None" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Call_None" targetRef="Call_Pinned" />
      <bpmn:callActivity id="Call_Pinned">
        <bpmn:extensionElements>
          <zeebe:calledElement processId="=if urgent then &#34;fast&#34; else" bindingType="deployment" />
        </bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Call_Pinned" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // then
    expect(await only(xml)).toEqual([
      [
        'Call_None',
        "Expected a called process on call activity 'Call_None': set zeebe:calledElement processId",
      ],
      [
        'Call_Pinned',
        expect.stringMatching(
          /^Expected a valid FEEL expression as the zeebe:calledElement processId of 'Call_Pinned': /,
        ),
      ],
      [
        'Call_Pinned',
        "Expected zeebe:calledElement bindingType 'latest' on 'Call_Pinned': binding 'deployment' is not supported yet, the latest deployed version is called",
      ],
    ]);
  });
});

describe('validateProcess: business rule tasks', () => {
  const ruleTask = (id: string, extensions: string): string =>
    `<bpmn:businessRuleTask id="${id}"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:businessRuleTask>`;

  it('asks for a called decision with an id and a result variable, or a job, never both', async () => {
    // given
    const xml = diagram(
      `
      <bpmn:startEvent id="Start" />
      <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Nothing" />
      <bpmn:businessRuleTask id="Nothing" />
      <bpmn:sequenceFlow id="Flow_2" sourceRef="Nothing" targetRef="Both" />
      ${ruleTask('Both', '<zeebe:calledDecision decisionId="risk" resultVariable="r" /><zeebe:taskDefinition type="notify" />')}
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Both" targetRef="Half" />
      ${ruleTask('Half', '<zeebe:calledDecision resultVariable="a b" bindingType="deployment" />')}
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Half" targetRef="BadFeel" />
      ${ruleTask('BadFeel', '<zeebe:calledDecision decisionId="=concat(" resultVariable="r" />')}
      <bpmn:sequenceFlow id="Flow_5" sourceRef="BadFeel" targetRef="Job" />
      ${ruleTask('Job', '<zeebe:taskDefinition type="run-rules" />')}
      <bpmn:sequenceFlow id="Flow_6" sourceRef="Job" targetRef="End" />
      <bpmn:endEvent id="End" />`,
    );
    // then
    expect(await only(xml)).toEqual([
      [
        'Nothing',
        "Expected a called decision on business rule task 'Nothing': set zeebe:calledDecision decisionId and resultVariable (or zeebe:taskDefinition for a job)",
      ],
      [
        'Both',
        "Expected either zeebe:calledDecision or zeebe:taskDefinition on business rule task 'Both', not both",
      ],
      ['Half', "Expected a decision id on business rule task 'Half': set zeebe:calledDecision decisionId"],
      ['Half', "Expected the zeebe:calledDecision resultVariable of 'Half' to be a variable name, got 'a b'"],
      [
        'Half',
        "Expected zeebe:calledDecision bindingType 'latest' on 'Half': binding 'deployment' is not supported yet, the latest deployed version is evaluated",
      ],
      [
        'BadFeel',
        expect.stringMatching(
          /^Expected a valid FEEL expression as the zeebe:calledDecision decisionId of 'BadFeel'/,
        ),
      ],
      [
        'Job',
        `Expected the zeebe:taskDefinition type of 'Job' to be a job type the worker handles (one of: ${KNOWN_JOB_TYPES}), got 'run-rules'`,
      ],
    ]);
  });
});

describe('validateProcess: multi-instance', () => {
  const multiInstance = (loop: string, extra = ''): string =>
    diagram(
      between(
        `<bpmn:userTask id="Task">
          <bpmn:multiInstanceLoopCharacteristics>
            <bpmn:extensionElements><zeebe:loopCharacteristics ${loop} /></bpmn:extensionElements>
            ${extra}
          </bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>`,
        'Task',
      ),
    );

  it('asks for an input collection', async () => {
    expect(await only(multiInstance('inputElement="student"'))).toEqual([
      [
        'Task',
        "Expected an input collection on multi-instance 'Task': set zeebe:loopCharacteristics inputCollection",
      ],
    ]);
  });

  it('checks every expression and variable name of the loop', async () => {
    // given
    const xml = multiInstance(
      'inputCollection="students" inputElement="the student" outputCollection="notes"',
      '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done &gt;</bpmn:completionCondition>',
    );
    // then
    expect(await only(xml)).toEqual([
      [
        'Task',
        "Expected a FEEL expression (starting with '=') as zeebe:loopCharacteristics inputCollection of 'Task', got 'students'",
      ],
      [
        'Task',
        "Expected zeebe:loopCharacteristics inputElement of 'Task' to be a variable name, got 'the student'",
      ],
      [
        'Task',
        "Expected both zeebe:loopCharacteristics outputCollection and outputElement on multi-instance 'Task', or neither",
      ],
      [
        'Task',
        expect.stringMatching(
          /^Expected a valid FEEL expression as the completionCondition of multi-instance 'Task': .* of '=done >'$/,
        ),
      ],
    ]);
  });

  it('refuses a loop cardinality', async () => {
    // given
    const xml = multiInstance(
      'inputCollection="=students"',
      '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">3</bpmn:loopCardinality>',
    );
    // then
    expect(await only(xml)).toEqual([
      [
        'Task',
        "Expected zeebe:loopCharacteristics inputCollection on multi-instance 'Task': loopCardinality is not supported",
      ],
    ]);
  });
});

describe('validateProcess: input/output mappings and extension placement', () => {
  it('asks every mapping for a source and a target variable, and checks FEEL sources', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:manualTask id="Task">
          <bpmn:extensionElements>
            <zeebe:ioMapping>
              <zeebe:input source="=student.name" />
              <zeebe:input target="contact" />
              <zeebe:output source="=score +" target="result.score" />
              <zeebe:output source="=1" target="not a name" />
            </zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:manualTask>`,
        'Task',
      ),
    );
    // then
    expect(await only(xml)).toEqual([
      ['Task', "Expected a target on every zeebe:input of 'Task'"],
      ['Task', "Expected a source on zeebe:input 'contact' of 'Task'"],
      [
        'Task',
        expect.stringMatching(
          /^Expected a valid FEEL expression as the source of zeebe:output 'result.score' of 'Task': .* of '=score \+'$/,
        ),
      ],
      [
        'Task',
        "Expected the target of zeebe:output 'not a name' of 'Task' to be a variable name or a dotted path (result.score), got 'not a name'",
      ],
    ]);
  });

  it('reports Zeebe extensions on elements where they do nothing', async () => {
    // given
    const xml = diagram(
      between(
        `<bpmn:userTask id="Task">
          <bpmn:extensionElements>
            <zeebe:taskHeaders><zeebe:header key="a" value="b" /></zeebe:taskHeaders>
          </bpmn:extensionElements>
        </bpmn:userTask>`,
        'Task',
      ),
    );
    // then
    expect(await only(xml)).toEqual([
      ['Task', "Expected no zeebe:TaskHeaders on bpmn:UserTask 'Task': it has no effect there"],
    ]);
  });
});
