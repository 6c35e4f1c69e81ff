/**
 * Small BPMN 2.0 XML documents for tests, in the Camunda 8 (Zeebe) dialect the compiler reads.
 * Sequence flows are listed apart from the elements: the compiler takes a flow's ends from its
 * sourceRef and targetRef, so elements need no incoming/outgoing children.
 */
export function diagram(
  processId: string,
  elements: string,
  options: { flows?: string[]; roots?: string; layout?: string } = {},
): string {
  const diNamespaces = options.layout
    ? ' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"'
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"${diNamespaces} id="defs-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  ${options.roots ?? ''}
  <bpmn:process id="${processId}" isExecutable="true">
    ${elements}
    ${(options.flows ?? []).join('\n    ')}
  </bpmn:process>
  ${options.layout ?? ''}
</bpmn:definitions>`;
}

/** A node of a laid-out diagram: its id, its shape, and its column and row on the grid. */
export interface LayoutNode {
  id: string;
  shape: 'event' | 'task' | 'gateway';
  column: number;
  row?: number;
}

const SHAPE_SIZE = { event: [36, 36], task: [100, 80], gateway: [50, 50] } as const;

/**
 * The diagram interchange (BPMNDiagram) of `processId` for `diagram(…, { layout })`, so that a
 * viewer can draw it: nodes centred on a 160 × 120 px grid, flows `[id, from, to]` as straight or
 * elbowed lines between their ends.
 */
export function layout(processId: string, nodes: LayoutNode[], flows: [string, string, string][]): string {
  const centre = (node: LayoutNode) => ({ x: 100 + node.column * 160, y: 120 + (node.row ?? 0) * 120 });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const shapes = nodes.map((node) => {
    const [width, height] = SHAPE_SIZE[node.shape];
    const { x, y } = centre(node);
    return `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${x - width / 2}" y="${y - height / 2}" width="${width}" height="${height}" /></bpmndi:BPMNShape>`;
  });
  const edges = flows.map(([id, from, to]) => {
    const source = byId.get(from);
    const target = byId.get(to);
    if (!source || !target) throw new Error(`layout: flow ${id} joins unknown nodes`);
    const [a, b] = [centre(source), centre(target)];
    const startX = a.x + SHAPE_SIZE[source.shape][0] / 2;
    const endX = b.x - SHAPE_SIZE[target.shape][0] / 2;
    const points =
      a.y === b.y
        ? [`${startX},${a.y}`, `${endX},${b.y}`]
        : [
            `${startX},${a.y}`,
            `${(startX + endX) / 2},${a.y}`,
            `${(startX + endX) / 2},${b.y}`,
            `${endX},${b.y}`,
          ];
    const waypoints = points.map((p) => {
      const [x, y] = p.split(',');
      return `<di:waypoint x="${x}" y="${y}" />`;
    });
    return `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${waypoints.join('')}</bpmndi:BPMNEdge>`;
  });
  return `<bpmndi:BPMNDiagram id="${processId}_diagram"><bpmndi:BPMNPlane id="${processId}_plane" bpmnElement="${processId}">${[...shapes, ...edges].join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`;
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
  options: {
    groups?: string;
    users?: string;
    assignee?: string;
    extensions?: string;
    extra?: string;
    /** The task's name (its id when not given). */
    name?: string;
  } = {},
): string {
  const assignment = [
    options.groups ? `candidateGroups="${escape(options.groups)}"` : '',
    options.users ? `candidateUsers="${escape(options.users)}"` : '',
    options.assignee ? `assignee="${escape(options.assignee)}"` : '',
  ].join(' ');
  return `<bpmn:userTask id="${id}" name="${escape(options.name ?? id)}"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition ${assignment} />${options.extensions ?? ''}</bpmn:extensionElements>${options.extra ?? ''}</bpmn:userTask>`;
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

/**
 * A process of `nodes` in a row, each joined to the next, with diagram layout (BPMNDI), as a
 * modeler would save it: what a browser test opens in bpmn-js (which draws only what has DI).
 * `tag` is the BPMN element name without prefix, e.g. 'startEvent', 'complexGateway'.
 */
export function laidOutChain(processId: string, nodes: { id: string; tag: string }[]): string {
  const size = (tag: string) =>
    /Event$/.test(tag) ? { w: 36, h: 36 } : /Gateway$/.test(tag) ? { w: 50, h: 50 } : { w: 100, h: 80 };
  const centreY = 160;
  let x = 160;
  const placed = nodes.map((node) => {
    const { w, h } = size(node.tag);
    const box = { ...node, x, y: centreY - h / 2, w, h };
    x += w + 80;
    return box;
  });
  const flows = placed.slice(1).map((to, index) => ({ from: placed[index]!, to, id: `flow-${index + 1}` }));
  const elements = placed
    .map((node) => {
      const incoming = flows
        .filter((f) => f.to.id === node.id)
        .map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`);
      const outgoing = flows
        .filter((f) => f.from.id === node.id)
        .map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`);
      return `<bpmn:${node.tag} id="${node.id}">${[...incoming, ...outgoing].join('')}</bpmn:${node.tag}>`;
    })
    .join('\n    ');
  const sequenceFlows = flows
    .map((f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from.id}" targetRef="${f.to.id}" />`)
    .join('\n    ');
  const shapes = placed
    .map(
      (node) =>
        `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${node.x}" y="${node.y}" width="${node.w}" height="${node.h}" /></bpmndi:BPMNShape>`,
    )
    .join('\n      ');
  const edges = flows
    .map(
      (f) =>
        `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${f.from.x + f.from.w}" y="${centreY}" /><di:waypoint x="${f.to.x}" y="${centreY}" /></bpmndi:BPMNEdge>`,
    )
    .join('\n      ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs-${processId}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${processId}" isExecutable="true">
    ${elements}
    ${sequenceFlows}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram-${processId}">
    <bpmndi:BPMNPlane id="plane-${processId}" bpmnElement="${processId}">
      ${shapes}
      ${edges}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
