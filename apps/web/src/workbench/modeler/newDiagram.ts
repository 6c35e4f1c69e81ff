// The diagram `#/modeler` starts from: one executable process with a generated id (the future
// definition key), a none start event, and the Camunda 8 execution-platform attributes the
// properties panel and lint read (docs/modeler.md#new-diagrams).

/** The Camunda 8 version CarePath models against; lint rules use its major.minor. */
export const EXECUTION_PLATFORM_VERSION = '8.6.0';

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** A process id that is an XML NCName and a valid definition key: `Process_` + 8 base-36 chars. */
export function newProcessId(random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += Math.floor(random() * 36).toString(36);
  return `Process_${suffix}`;
}

export function newDiagramXml(processId: string, processName: string): string {
  const id = escapeXml(processId);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${id}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="CarePath" exporterVersion="1" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="${EXECUTION_PLATFORM_VERSION}">
  <bpmn:process id="${id}" name="${escapeXml(processName)}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${id}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="182" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The first process id in a diagram's XML (the definition key it deploys as), or null. */
export function processIdOf(xml: string): string | null {
  const match = /<(?:[\w-]+:)?process\b[^>]*?\sid="([^"]+)"/.exec(xml);
  return match?.[1] ?? null;
}
