/**
 * Runs the real bpmnlint Linter (core rules and bpmnlint-plugin-camunda-compat) over diagrams
 * built to break as many rules as possible, and checks that every message it produces comes out
 * in Chinese: a new sentence shape after an upgrade fails here, naming the sentence.
 */
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { translateLintMessage } from './lint-messages';

// Packages without types for the web project (jest compiles them to CommonJS)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BpmnModdle } = require('bpmn-moddle') as {
  BpmnModdle: new (packages: Record<string, unknown>) => {
    fromXML(xml: string): Promise<{ rootElement: unknown }>;
  };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Linter } = require('bpmnlint') as {
  Linter: new (options: { config: unknown; resolver: unknown }) => {
    lint(root: unknown): Promise<Record<string, { message: string }[]>>;
  };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => unknown;

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

function definitions(body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="http://bpmn.io/schema/bpmn">${roots}${body}</bpmn:definitions>`;
}

/** Diagrams that break rules on purpose; each comment says what. */
const BROKEN_DIAGRAMS: Record<string, string> = {
  'unsupported and incomplete elements': definitions(`
  <bpmn:process id="p1" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:startEvent id="start2" />
    <bpmn:complexGateway id="complex" />
    <bpmn:inclusiveGateway id="inclusive" />
    <bpmn:serviceTask id="service" />
    <bpmn:sendTask id="send" />
    <bpmn:scriptTask id="script" />
    <bpmn:businessRuleTask id="rule" />
    <bpmn:callActivity id="call" />
    <bpmn:receiveTask id="receive" />
    <bpmn:manualTask id="manual" />
    <bpmn:task id="task" />
    <bpmn:transaction id="tx" />
    <bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"><bpmn:signalEventDefinition /></bpmn:startEvent></bpmn:subProcess>
    <bpmn:intermediateThrowEvent id="link"><bpmn:linkEventDefinition /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="cond"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="msgCatch"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="errEnd"><bpmn:errorEventDefinition /></bpmn:endEvent>
    <bpmn:endEvent id="escEnd"><bpmn:escalationEventDefinition /></bpmn:endEvent>
    <bpmn:endEvent id="cancelEnd"><bpmn:cancelEventDefinition /></bpmn:endEvent>
    <bpmn:endEvent id="compEnd"><bpmn:compensateEventDefinition /></bpmn:endEvent>
    <bpmn:boundaryEvent id="escB" attachedToRef="receive"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="complex" />
    <bpmn:sequenceFlow id="f2" sourceRef="complex" targetRef="service" />
    <bpmn:sequenceFlow id="f3" sourceRef="complex" targetRef="send" />
    <bpmn:sequenceFlow id="f4" sourceRef="service" targetRef="inclusive" />
    <bpmn:sequenceFlow id="f5" sourceRef="send" targetRef="inclusive" />
    <bpmn:sequenceFlow id="f6" sourceRef="inclusive" targetRef="script" />
    <bpmn:sequenceFlow id="f7" sourceRef="inclusive" targetRef="rule" />
    <bpmn:sequenceFlow id="f8" sourceRef="rule" targetRef="rule" />
    <bpmn:sequenceFlow id="f9" sourceRef="task" targetRef="manual" name="label" />
    <bpmn:sequenceFlow id="f10" sourceRef="task" targetRef="manual" />
  </bpmn:process>`),
  'bad FEEL, timers, forms, multi-instance and conditions': definitions(
    `
  <bpmn:process id="p2" isExecutable="true">
    <bpmn:startEvent id="timerStart"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">every monday</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    <bpmn:userTask id="user">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="= (" />
        <zeebe:formDefinition formKey="camunda-forms:bpmn:form1" />
        <zeebe:ioMapping><zeebe:input source="= a +" target="x" /><zeebe:output source="=" target="" /></zeebe:ioMapping>
        <zeebe:taskHeaders><zeebe:header key="k" value="1" /><zeebe:header key="k" value="2" /></zeebe:taskHeaders>
        <zeebe:taskSchedule dueDate="tomorrow" />
        <zeebe:priorityDefinition priority="500" />
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:serviceTask id="job">
      <bpmn:extensionElements><zeebe:taskDefinition type="= (" retries="x" /></bpmn:extensionElements>
      <bpmn:standardLoopCharacteristics />
    </bpmn:serviceTask>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">three days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:boundaryEvent id="due" attachedToRef="user"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">someday</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="errB" attachedToRef="job"><bpmn:errorEventDefinition errorRef="missingError" /></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="msgB" attachedToRef="job"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="xor" default="toEnd" />
    <bpmn:eventBasedGateway id="ebg" />
    <bpmn:receiveTask id="afterEbg" messageRef="msg" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="= (" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="a" sourceRef="timerStart" targetRef="user" />
    <bpmn:sequenceFlow id="b" sourceRef="user" targetRef="xor" />
    <bpmn:sequenceFlow id="toJob" sourceRef="xor" targetRef="job"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= x ></bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="toWait" sourceRef="xor" targetRef="wait" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="xor" targetRef="end" />
    <bpmn:sequenceFlow id="c" sourceRef="job" targetRef="ebg" />
    <bpmn:sequenceFlow id="d" sourceRef="ebg" targetRef="afterEbg"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="e" sourceRef="afterEbg" targetRef="call" />
    <bpmn:sequenceFlow id="g" sourceRef="wait" targetRef="end" />
  </bpmn:process>
  <bpmn:process id="p2b" isExecutable="false"><bpmn:task id="lonely" /></bpmn:process>`,
    '<bpmn:message id="msg" name="m" /><bpmn:message id="unused" /><bpmn:signal id="sig" name="m" /><bpmn:error id="err1" errorCode="= (" />',
  ),
  'event sub-processes and links': definitions(`
  <bpmn:process id="p3" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:messageEventDefinition /></bpmn:startEvent>
    <bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:signalEventDefinition signalRef="nosignal" /></bpmn:startEvent>
      <bpmn:startEvent id="espStart2"><bpmn:errorEventDefinition /></bpmn:startEvent>
    </bpmn:subProcess>
    <bpmn:intermediateThrowEvent id="lt1" name="a"><bpmn:linkEventDefinition name="A" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="lc1"><bpmn:linkEventDefinition name="B" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="lc2"><bpmn:linkEventDefinition name="B" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="multi"><bpmn:messageEventDefinition /><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:adHocSubProcess id="adhoc"><bpmn:startEvent id="adhocStart" /><bpmn:endEvent id="adhocEnd" /></bpmn:adHocSubProcess>
    <bpmn:exclusiveGateway id="lone" />
    <bpmn:endEvent id="term"><bpmn:terminateEventDefinition /></bpmn:endEvent>
    <bpmn:sequenceFlow id="x1" sourceRef="s" targetRef="lone" />
    <bpmn:sequenceFlow id="x2" sourceRef="lone" targetRef="term" />
  </bpmn:process>`),
};

const CONFIGS: Record<string, unknown> = {
  'bpmnlint:all': { extends: 'bpmnlint:all' },
  'camunda-cloud-8-6': { extends: 'plugin:camunda-compat/camunda-cloud-8-6' },
  'camunda-cloud-8-8': { extends: 'plugin:camunda-compat/camunda-cloud-8-8' },
  'camunda-cloud-8-2': { extends: 'plugin:camunda-compat/camunda-cloud-8-2' },
};

async function lintMessages(): Promise<string[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const messages = new Set<string>();
  for (const xml of Object.values(BROKEN_DIAGRAMS)) {
    const { rootElement } = await moddle.fromXML(xml);
    for (const config of Object.values(CONFIGS)) {
      const linter = new Linter({ config, resolver: new NodeResolver() });
      const results = await linter.lint(rootElement);
      for (const reports of Object.values(results))
        for (const report of reports) messages.add(report.message);
    }
  }
  return [...messages].sort();
}

/** An English sentence: three or more words of Latin letters, outside the `<bpmn:…>` names kept as they are. */
function englishSentenceIn(text: string): boolean {
  const outsideNames = text.replace(/<[^<>]*>/g, '');
  return /[A-Za-z]+[\s,]+[A-Za-z]+[\s,]+[A-Za-z]+/.test(outsideNames);
}

describe('translateLintMessage', () => {
  let messages: string[] = [];
  beforeAll(async () => {
    messages = await lintMessages();
  }, 60_000);

  it('the broken diagrams trigger a broad set of rules', () => {
    expect(messages.length).toBeGreaterThanOrEqual(40);
  });

  it('turns every produced message into Chinese with no English sentence left', () => {
    const untranslated = messages.filter((message) => {
      const zh = translateLintMessage(message, 'zh-CN');
      return zh === message || englishSentenceIn(zh) || !/[\u4e00-\u9fff]/.test(zh);
    });
    expect(untranslated).toEqual([]);
    if (process.env.SHOW_LINT_MESSAGES)
      console.log(messages.map((m) => `${m}\n  → ${translateLintMessage(m, 'zh-CN')}`).join('\n'));
  });

  it('keeps element types, property names and versions', () => {
    expect(
      translateLintMessage(
        'Element of type <bpmn:ComplexGateway> only allowed by Camunda 8.9 or newer',
        'zh-CN',
      ),
    ).toBe('<bpmn:ComplexGateway> 需要 Camunda 8.9 或更高版本');
    expect(
      translateLintMessage('Element of type <bpmn:ComplexGateway> not supported by Camunda 8.6', 'zh-CN'),
    ).toBe('Camunda 8.6 不支持 <bpmn:ComplexGateway>');
    expect(
      translateLintMessage(
        'Element of type <bpmn:ServiceTask> must have property <zeebe:TaskDefinition> or <zeebe:Other>',
        'zh-CN',
      ),
    ).toBe('<bpmn:ServiceTask> 必须设置属性 <zeebe:TaskDefinition> 或 <zeebe:Other>');
  });

  it('leaves English and unknown messages as they are', () => {
    const english = 'Element of type <bpmn:ComplexGateway> not allowed';
    expect(translateLintMessage(english, 'en')).toBe(english);
    expect(translateLintMessage('Something no rule says', 'zh-CN')).toBe('Something no rule says');
  });
});
