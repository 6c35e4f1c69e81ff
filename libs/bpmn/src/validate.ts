import { isActivityNode, isEventNode } from './element-kinds';
import { buildGraph, flowScopesOf, isEventSubProcess, type Graph } from './flow-scopes';
import type { DiagramProblem } from './model';
import { listProp, type ModdleElement } from './moddle';
import { problem } from './problem-messages';
import { named, problemAt } from './diagram-problem';
import type { Report } from './report';
import { clip } from './text';
import { checkActivity } from './validate-activities';
import { checkCoverage } from './validate-coverage';
import { checkEvent, type CheckContext } from './validate-events';
import { checkExtensionPlacement, checkIoMapping } from './validate-extensions';
import { checkFlowCondition, checkFlowEnds, checkFlowScope, checkOutgoingFlows } from './validate-flows';
import { linkFlowsOf } from './link-events';
import { checkEmbeddedForms } from './embedded-forms';
import { checkStartEvents, unreachableNodes } from './validate-scopes';

/**
 * Validates one process, sub-processes included, against what the engine runs, collecting
 * every problem at once. Messages say what was expected, so the psychology lead who drew the
 * diagram can fix it.
 */
export function validateProcess(
  process: ModdleElement,
  options: { unresolvedReferenceIds?: ReadonlySet<string> } = {},
): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  const report: Report = (element, message) => {
    problems.push(problemAt(element, message));
  };

  const scopes = flowScopesOf(process);
  const flowElements = scopes.flatMap((scope) => listProp(scope.container, 'flowElements'));
  const overlong = [process, ...flowElements].filter((element) => (element.id ?? '').length > MAX_ID_LENGTH);
  if (overlong.length > 0) {
    // Ids are quoted in every other message; refuse them before quoting them.
    return overlong.map((element) =>
      problemAt(element, problem('diagram.idTooLong', { max: MAX_ID_LENGTH }), clip(element.id ?? '')),
    );
  }
  checkCoverage(process, report);
  checkEmbeddedForms(process, report);
  // A link throw leads on to its catch: the graph has that path (docs/bpmn-elements.md#link-events).
  const graph = buildGraph([...scopes.flatMap((scope) => scope.flows), ...linkFlowsOf(scopes, report)]);
  const scopeOf = new Map(scopes.flatMap((scope) => scope.nodes.map((node) => [node, scope] as const)));
  const unresolvedReferenceIds = options.unresolvedReferenceIds ?? new Set<string>();

  for (const element of flowElements) {
    if (!element.id) report(element, problem('diagram.noId', { type: element.$type }));
    else if (element.id === '__proto__') report(element, problem('diagram.protoId'));
  }
  for (const scope of scopes) {
    for (const flow of scope.flows) {
      // moddle drops a reference it cannot resolve and has already said so: say it once.
      if (!unresolvedReferenceIds.has(flow.id ?? '')) checkFlowEnds(flow, report);
      checkFlowCondition(flow, report);
      checkFlowScope(flow, scope, scopeOf, report);
    }
  }
  for (const scope of scopes) {
    const context: CheckContext = { scope, report, unresolvedReferenceIds };
    for (const node of scope.nodes) checkNode(node, graph, context);
  }
  for (const scope of scopes) checkStartEvents(scope, report);

  const [processScope] = scopes;
  if (processScope?.nodes.some((node) => node.$type === 'bpmn:StartEvent')) {
    for (const node of unreachableNodes(scopes, graph)) {
      report(node, problem('path.unreachable', { element: named(node) }));
    }
  }
  return problems;
}

/** Far beyond Camunda Modeler's generated ids (Activity_0x1y2z3). */
const MAX_ID_LENGTH = 255;

function checkNode(node: ModdleElement, graph: Graph, context: CheckContext): void {
  const { report } = context;
  const id = node.id ?? '';
  const outgoing = graph.outgoing.get(id) ?? [];
  const incoming = graph.incoming.get(id) ?? [];
  if (node.$type === 'bpmn:StartEvent' && incoming.length > 0) {
    report(node, problem('path.intoStart', { id }));
  }
  if (node.$type === 'bpmn:BoundaryEvent' && incoming.length > 0) {
    report(node, problem('path.intoBoundary', { element: named(node) }));
  }
  if (isEventSubProcess(node) && incoming.length + outgoing.length > 0) {
    report(node, problem('path.eventSubProcessFlows', { element: named(node) }));
  }
  if (node.$type === 'bpmn:EndEvent' && outgoing.length > 0) {
    report(node, problem('path.outOfEnd', { id }));
  }
  if (node.$type !== 'bpmn:EndEvent' && outgoing.length === 0 && !isOffThePath(node)) {
    report(node, problem('path.deadEnd', { element: named(node) }));
  }

  checkOutgoingFlows(node, outgoing, report);
  if (isEventNode(node)) checkEvent(node, context);
  else if (isActivityNode(node)) checkActivity(node, context);
  checkExtensionPlacement(node, report);
  checkIoMapping(node, report);
}

/**
 * Elements that legitimately have no incoming or outgoing flow of their own. A link throw goes
 * on at its catch; one without a catch is reported by the link check (link-events.ts).
 */
function isOffThePath(node: ModdleElement): boolean {
  return node.isForCompensation === true || isEventSubProcess(node) || isLinkThrow(node);
}

function isLinkThrow(node: ModdleElement): boolean {
  return (
    node.$type === 'bpmn:IntermediateThrowEvent' &&
    listProp(node, 'eventDefinitions')[0]?.$type === 'bpmn:LinkEventDefinition'
  );
}
