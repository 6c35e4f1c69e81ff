/**
 * Small BPMN 2.0 XML documents for tests, in the Camunda 8 (Zeebe) dialect the compiler reads.
 * Sequence flows are listed apart from the elements: the compiler takes a flow's ends from its
 * sourceRef and targetRef, so elements need no incoming/outgoing children.
 */
export function diagram(
  processId: string,
  elements: string,
  options: { flows?: string[]; roots?: string } = {},
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  ${options.roots ?? ''}
  <bpmn:process id="${processId}" isExecutable="true">
    ${elements}
    ${(options.flows ?? []).join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A sequence flow `from-to` (or the given id), with an optional FEEL condition. */
export function flow(from: string, to: string, options: { condition?: string; id?: string } = {}): string {
  const id = options.id ?? `${from}-${to}`;
  if (!options.condition) return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${escape(options.condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** Flows a→b→c… */
export function chain(...ids: string[]): string[] {
  return ids.slice(1).map((to, index) => flow(ids[index] ?? '', to));
}

/** `extensions` go inside extensionElements (a form, io mappings); `extra` after them. */
export function userTask(
  id: string,
  options: { groups?: string; users?: string; assignee?: string; extensions?: string; extra?: string } = {},
): string {
  const assignment = [
    options.groups ? `candidateGroups="${escape(options.groups)}"` : '',
    options.users ? `candidateUsers="${escape(options.users)}"` : '',
    options.assignee ? `assignee="${escape(options.assignee)}"` : '',
  ].join(' ');
  return `<bpmn:userTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition ${assignment} />${options.extensions ?? ''}</bpmn:extensionElements>${options.extra ?? ''}</bpmn:userTask>`;
}

export function message(id: string, name: string, correlationKey?: string): string {
  const subscription = correlationKey
    ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${escape(correlationKey)}" /></bpmn:extensionElements>`
    : '';
  return `<bpmn:message id="${id}" name="${escape(name)}">${subscription}</bpmn:message>`;
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
