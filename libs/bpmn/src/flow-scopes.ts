import { bodyOf, elementProp, listProp, type ModdleElement } from './moddle';

/** Which start events a scope may hold depends on what kind of scope it is. */
export type ScopeKind = 'process' | 'embeddedSubProcess' | 'eventSubProcess';

/** One level of nesting: the process itself, or one embedded or event sub-process. */
export interface FlowScope {
  kind: ScopeKind;
  /** The bpmn:Process or bpmn:SubProcess whose flowElements these are. */
  container: ModdleElement;
  /** What the scope's elements carry as parentId: the sub-process id, undefined at process level. */
  parentId: string | undefined;
  nodes: ModdleElement[];
  flows: ModdleElement[];
}

/** Flow elements that are neither sequence flows nor flow nodes: they take no part in paths. */
const NOT_FLOW_NODES: ReadonlySet<string> = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/**
 * The process and every bpmn:SubProcess in it, outermost first, each sub-process right after
 * the scope that holds it. Other containers (ad-hoc sub-processes, transactions) are not
 * descended into: they are unsupported and reported as such, so their contents never run.
 */
export function flowScopesOf(process: ModdleElement): FlowScope[] {
  const scopes: FlowScope[] = [];
  const visit = (container: ModdleElement, kind: ScopeKind, parentId: string | undefined): void => {
    const flowElements = listProp(container, 'flowElements');
    const scope: FlowScope = {
      kind,
      container,
      parentId,
      nodes: flowElements.filter((element) => !NOT_FLOW_NODES.has(element.$type)),
      flows: flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow'),
    };
    scopes.push(scope);
    for (const node of scope.nodes) {
      if (node.$type !== 'bpmn:SubProcess') continue;
      visit(node, isEventSubProcess(node) ? 'eventSubProcess' : 'embeddedSubProcess', node.id ?? '');
    }
  };
  visit(process, 'process', undefined);
  return scopes;
}

export function isEventSubProcess(element: ModdleElement): boolean {
  return element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true;
}

export interface Graph {
  outgoing: Map<string, ModdleElement[]>;
  incoming: Map<string, ModdleElement[]>;
}

/** Sequence flows by source and target id, in document order (the order gateways evaluate in). */
export function buildGraph(flows: ModdleElement[]): Graph {
  const outgoing = new Map<string, ModdleElement[]>();
  const incoming = new Map<string, ModdleElement[]>();
  const add = (map: Map<string, ModdleElement[]>, key: string | undefined, flow: ModdleElement): void => {
    if (key === undefined) return;
    map.set(key, [...(map.get(key) ?? []), flow]);
  };
  for (const flow of flows) {
    add(outgoing, elementProp(flow, 'sourceRef')?.id, flow);
    add(incoming, elementProp(flow, 'targetRef')?.id, flow);
  }
  return { outgoing, incoming };
}

/** The activity a boundary event is attached to; undefined for other nodes or a missing attachedToRef. */
export function attachedActivityOf(node: ModdleElement): ModdleElement | undefined {
  return node.$type === 'bpmn:BoundaryEvent' ? elementProp(node, 'attachedToRef') : undefined;
}

/** Boundary events by the activity they are attached to, in document order. */
export function boundaryEventsByActivity(nodes: ModdleElement[]): Map<ModdleElement, ModdleElement[]> {
  const attached = new Map<ModdleElement, ModdleElement[]>();
  for (const node of nodes) {
    const activity = attachedActivityOf(node);
    if (activity) attached.set(activity, [...(attached.get(activity) ?? []), node]);
  }
  return attached;
}

/** The condition expression body of a flow, or undefined when it has none (or a blank one). */
export function conditionOf(flow: ModdleElement): string | undefined {
  return bodyOf(flow, 'conditionExpression');
}
