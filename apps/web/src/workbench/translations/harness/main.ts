// Mounts a bpmn-js Modeler (the workbench's modules and `bpmnTranslateModule`) and a form-js
// FormEditor (with `translateFormEditor`) for test/browser/translations.e2e-spec.ts; the language
// comes from `?lang=`. Exposes both on `window.harness` for the test to drive.
import { bpmnTranslateModule, translateFormEditor, type WorkbenchLanguage } from '../index';
import { FormEditor, Modeler, bpmnlint, modelerModules, zeebeModdle } from './modules.js';

const language: WorkbenchLanguage =
  new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="harness" name="危机干预" isExecutable="true">
    <bpmn:startEvent id="start" name="发现" />
    <bpmn:userTask id="assess" name="评估">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="psych-teacher" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:serviceTask id="notify" name="通知监护人" />
    <bpmn:intermediateCatchEvent id="wait" name="等待三天">
      <bpmn:timerEventDefinition id="waitTimer"><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" name="结案" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="assess" />
    <bpmn:sequenceFlow id="f2" sourceRef="assess" targetRef="notify" />
    <bpmn:sequenceFlow id="f3" sourceRef="notify" targetRef="wait" />
    <bpmn:sequenceFlow id="f4" sourceRef="wait" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="harness">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="182" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="assess_di" bpmnElement="assess"><dc:Bounds x="240" y="160" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="notify_di" bpmnElement="notify"><dc:Bounds x="400" y="160" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="wait_di" bpmnElement="wait"><dc:Bounds x="562" y="182" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="652" y="182" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="200" /><di:waypoint x="240" y="200" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="200" /><di:waypoint x="400" y="200" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="500" y="200" /><di:waypoint x="562" y="200" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="598" y="200" /><di:waypoint x="652" y="200" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const FORM = {
  type: 'default',
  id: 'assessment',
  components: [
    { type: 'textfield', key: 'summary', label: '情况概述', validate: { required: true } },
    { type: 'number', key: 'riskLevel', label: '风险等级' },
  ],
};

async function mount() {
  const element = (id: string) => document.getElementById(id) as HTMLElement;
  const modeler = new Modeler({
    container: element('canvas'),
    propertiesPanel: { parent: element('panel') },
    moddleExtensions: { zeebe: zeebeModdle },
    linting: { bpmnlint, active: true },
    additionalModules: [...modelerModules, bpmnTranslateModule(language)],
  } as ConstructorParameters<typeof Modeler>[0]);
  await modeler.importXML(DIAGRAM);

  const formContainer = element('form-editor');
  const formEditor = new FormEditor({ container: formContainer });
  const stopFormTranslation = translateFormEditor(formContainer, language);
  await formEditor.importSchema(FORM);

  Object.assign(window, { harness: { modeler, formEditor, stopFormTranslation, ready: true } });
}

mount().catch((error: unknown) => {
  Object.assign(window, { harness: { error: String(error) } });
});
