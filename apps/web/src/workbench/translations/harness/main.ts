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

/** One field of every type form-js 1.23.0 offers, so the test sees every properties panel. */
const FORM = {
  type: 'default',
  id: 'assessment',
  components: [
    { type: 'textfield', key: 'summary', label: '情况概述', validate: { required: true } },
    { type: 'textarea', key: 'details', label: '详细经过' },
    { type: 'number', key: 'riskLevel', label: '风险等级' },
    { type: 'datetime', key: 'seenAt', subtype: 'date', dateLabel: '面谈日期' },
    { type: 'checkbox', key: 'guardianInformed', label: '已通知监护人' },
    { type: 'checklist', key: 'signs', label: '表现', values: [{ label: '失眠', value: 'insomnia' }] },
    { type: 'radio', key: 'urgency', label: '紧急程度', values: [{ label: '高', value: 'high' }] },
    { type: 'select', key: 'referral', label: '转介', values: [{ label: '医院', value: 'hospital' }] },
    { type: 'taglist', key: 'tags', label: '标签', values: [{ label: '家庭', value: 'family' }] },
    { type: 'text', text: '# 评估说明' },
    { type: 'html', content: '<p>说明</p>' },
    { type: 'image', source: '', alt: '示意图' },
    { type: 'spacer', height: 30 },
    { type: 'separator' },
    { type: 'expression', key: 'score', expression: '=riskLevel * 2', computeOn: 'change' },
    { type: 'filepicker', key: 'attachments', label: '附件' },
    {
      type: 'table',
      label: '记录',
      dataSource: '=records',
      rowCount: 10,
      columns: [
        { label: '日期', key: 'date' },
        { label: '事项', key: 'note' },
      ],
    },
    { type: 'iframe', label: '资料', url: '' },
    {
      type: 'group',
      label: '家庭情况',
      components: [{ type: 'textfield', key: 'guardian', label: '监护人' }],
    },
    {
      type: 'dynamiclist',
      path: 'contacts',
      label: '联系人',
      components: [{ type: 'textfield', key: 'name', label: '姓名' }],
    },
    { type: 'button', action: 'submit', label: '提交' },
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
