import { compileActivity } from './compile-activities';
import { compileEvent, type ElementBase } from './compile-events';
import { isEventNode } from './element-kinds';
import { isNoneStartEvent, triggerKindOf } from './element-properties';
import { embeddedFormsOf } from './embedded-forms';
import { linkFlowsOf } from './link-events';
import {
  boundaryEventsByActivity,
  buildGraph,
  conditionOf,
  flowScopesOf,
  isEventSubProcess,
  type FlowScope,
} from './flow-scopes';
import type { CompileResult, DiagramProblem, FlowElement, ProcessModel, SequenceFlow } from './model';
import { elementProp, listProp, parseDiagram, stringProp, type ModdleElement } from './moddle';
import { optional } from './optional';
import { problem } from './problem-messages';
import { problemAt } from './diagram-problem';
import { validateProcess } from './validate';
import { diagramWarnings } from './warnings';
import { checkXmlSafety } from './xml-guard';

/**
 * BPMN XML (Camunda 8 conventions) → a validated ProcessModel, or every problem found.
 *
 * One diagram deploys one process. A diagram with several executable processes is rejected
 * rather than compiled in part: deploying the first and dropping the rest would ignore part of
 * the diagram silently. Non-executable processes (e.g. a pool drawn for documentation) are
 * skipped, as Zeebe does.
 */
export async function compileProcess(xml: string): Promise<CompileResult> {
  const unsafe = checkXmlSafety(xml);
  if (unsafe.length > 0) return { ok: false, errors: unsafe };

  const { definitions, problems } = await parseDiagram(xml);
  if (!definitions) return { ok: false, errors: problems };

  const processes = listProp(definitions, 'rootElements').filter((root) => root.$type === 'bpmn:Process');
  const executable = processes.filter((process) => process.isExecutable === true);
  const errors: DiagramProblem[] = [...problems];
  if (processes.length === 0) {
    errors.push(problemAt(definitions, problem('diagram.noProcess')));
  } else if (executable.length === 0) {
    for (const process of processes) {
      errors.push(problemAt(process, problem('diagram.notExecutable', { process: process.id ?? '' })));
    }
  } else if (executable.length > 1) {
    const ids = executable.map((process) => process.id ?? '').join(', ');
    for (const process of executable.slice(1)) {
      errors.push(
        problemAt(process, problem('diagram.severalExecutable', { count: executable.length, ids })),
      );
    }
  }
  const unresolvedReferenceIds = new Set(
    problems
      .filter((found) => found.code === 'xml.unresolvedReference' && found.elementId !== '')
      .map((found) => found.elementId),
  );
  for (const process of executable) errors.push(...validateProcess(process, { unresolvedReferenceIds }));

  const [process] = executable;
  if (errors.length > 0 || !process) return { ok: false, errors };
  const model = buildModel(process);
  const embeddedForms = embeddedFormsOf(process, model);
  return {
    ok: true,
    model,
    warnings: diagramWarnings(process, model),
    ...(Object.keys(embeddedForms).length > 0 ? { embeddedForms } : {}),
  };
}

/**
 * Builds the model of a process that passed validation: every element in it is supported, so
 * anything else reaching here is a bug and throws.
 */
function buildModel(process: ModdleElement): ProcessModel {
  const scopes = flowScopesOf(process);
  // Each link throw gets a flow of its own to its catch: links are resolved here, once.
  const linkFlows = linkFlowsOf(scopes);
  const graph = buildGraph([...scopes.flatMap((scope) => scope.flows), ...linkFlows]);
  const boundaryEvents = boundaryEventsByActivity(scopes.flatMap((scope) => scope.nodes));
  const scopeOfContainer = new Map(scopes.map((scope) => [scope.container, scope]));
  const scopeOf = (container: ModdleElement): FlowScope | undefined => scopeOfContainer.get(container);
  const ids = (elements: ModdleElement[] | undefined): string[] =>
    (elements ?? []).map((element) => element.id ?? '');

  const elements: Record<string, FlowElement> = {};
  const flows: Record<string, SequenceFlow> = {};
  for (const scope of scopes) {
    for (const node of scope.nodes) {
      const id = node.id ?? '';
      const base: ElementBase = {
        id,
        ...optional('name', stringProp(node, 'name')),
        incoming: ids(graph.incoming.get(id)),
        outgoing: ids(graph.outgoing.get(id)),
        ...optional('parentId', scope.parentId),
      };
      elements[id] = compileNode(node, base, scope, {
        boundaryEventIds: ids(boundaryEvents.get(node)),
        scopeOf,
      });
    }
  }
  for (const flow of [...scopes.flatMap((scope) => scope.flows), ...linkFlows]) {
    const id = flow.id ?? '';
    flows[id] = {
      id,
      sourceId: elementProp(flow, 'sourceRef')?.id ?? '',
      targetId: elementProp(flow, 'targetRef')?.id ?? '',
      ...optional('condition', conditionOf(flow)),
    };
  }

  const topLevel = scopes[0]?.nodes ?? [];
  const isTriggeredStart = (node: ModdleElement): boolean => {
    const kind = node.$type === 'bpmn:StartEvent' ? triggerKindOf(node) : undefined;
    return kind === 'timer' || kind === 'message' || kind === 'signal';
  };
  return {
    id: process.id ?? '',
    ...optional('name', stringProp(process, 'name')),
    elements,
    flows,
    startEventIds: ids(topLevel.filter(isNoneStartEvent)),
    triggeredStartEventIds: ids(topLevel.filter(isTriggeredStart)),
    eventSubProcessIds: ids(topLevel.filter(isEventSubProcess)),
  };
}

const GATEWAY_TYPES = {
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
} as const;

function compileNode(
  node: ModdleElement,
  base: ElementBase,
  scope: FlowScope,
  activity: { boundaryEventIds: string[]; scopeOf: (container: ModdleElement) => FlowScope | undefined },
): FlowElement {
  if (isEventNode(node)) return compileEvent(node, base, scope);
  if (Object.hasOwn(GATEWAY_TYPES, node.$type)) {
    const type = GATEWAY_TYPES[node.$type as keyof typeof GATEWAY_TYPES];
    // Only exclusive and inclusive gateways may carry one; the validator rejects it elsewhere.
    return { ...base, type, ...optional('defaultFlowId', elementProp(node, 'default')?.id) };
  }
  return compileActivity(node, { ...base, boundaryEventIds: activity.boundaryEventIds }, activity.scopeOf);
}
