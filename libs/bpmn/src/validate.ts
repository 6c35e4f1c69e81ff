import { checkFeelSyntax, isFeel, toUtcInstant } from '../../expressions/src';
import { unsupportedMessage } from './coverage';
import type { DiagramProblem } from './model';
import { clip } from './text';
import { elementProp, extensionOf, extensionsOf, listProp, stringProp, type ModdleElement } from './moddle';

/**
 * Validates one process against what the engine runs now, collecting every problem at once.
 * Messages say what was expected, so the psychology lead who drew the diagram can fix it.
 */
export function validateProcess(
  process: ModdleElement,
  options: { unresolvedReferenceIds?: ReadonlySet<string> } = {},
): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  const report = (element: ModdleElement, message: string): void => {
    problems.push({ elementId: element.id ?? '', elementType: element.$type, message });
  };

  const flowElements = listProp(process, 'flowElements');
  const overlong = [process, ...flowElements].filter((element) => (element.id ?? '').length > MAX_ID_LENGTH);
  if (overlong.length > 0) {
    // Ids are quoted in every other message; refuse them before quoting them.
    return overlong.map((element) => ({
      elementId: clip(element.id ?? ''),
      elementType: element.$type,
      message: `Expected an element id of at most ${MAX_ID_LENGTH} characters`,
    }));
  }
  checkCoverage(process, report);
  const flows = flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow');
  const nodes = flowElements.filter((element) => element.$type !== 'bpmn:SequenceFlow');
  const graph = buildGraph(flows);

  for (const element of flowElements) {
    if (!element.id) report(element, `Expected an id on every ${element.$type}`);
    else if (element.id === '__proto__') report(element, "Expected an element id other than '__proto__'");
  }
  for (const flow of flows) {
    // moddle drops a reference it cannot resolve and has already said so: say it once.
    if (!options.unresolvedReferenceIds?.has(flow.id ?? '')) checkFlowEnds(flow, report);
    checkFlow(flow, report);
  }
  for (const node of nodes) checkNode(node, graph, report);

  const noneStarts = nodes.filter(isNoneStartEvent);
  for (const extra of noneStarts.slice(1)) {
    report(extra, `Expected one none start event per process, found ${noneStarts.length}`);
  }
  if (noneStarts.length === 0) {
    report(process, `Expected a none start event in process '${process.id ?? ''}', where a case begins`);
  }
  const starts = nodes.filter((node) => node.$type === 'bpmn:StartEvent');
  if (starts.length > 0) {
    for (const node of unreachable(nodes, starts, graph)) {
      report(node, `Expected ${describe(node)} to be reachable from a start event`);
    }
  }
  return problems;
}

/** Far beyond Camunda Modeler's generated ids (Activity_0x1y2z3). */
const MAX_ID_LENGTH = 255;

type Report = (element: ModdleElement, message: string) => void;

interface Graph {
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

/** The coverage key of an element: its type, or type+event definition for events. */
export function coverageKey(element: ModdleElement): string {
  const definitions = listProp(element, 'eventDefinitions');
  if (definitions.length > 1) return `${element.$type}+bpmn:MultipleEventDefinition`;
  const [definition] = definitions;
  if (definition) return `${element.$type}+${definition.$type}`;
  if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true) {
    return 'bpmn:SubProcess+triggeredByEvent';
  }
  return element.$type;
}

export function isNoneStartEvent(element: ModdleElement): boolean {
  return element.$type === 'bpmn:StartEvent' && listProp(element, 'eventDefinitions').length === 0;
}

/**
 * Reports every element, loop, artifact and Zeebe extension the coverage map does not mark as
 * supported, descending into sub-processes so one deploy lists them all.
 */
function checkCoverage(container: ModdleElement, report: Report): void {
  const checkExtensions = (element: ModdleElement): void => {
    for (const extension of extensionsOf(element)) {
      // Other vendors' extensions are theirs to read; only Zeebe's change how a diagram runs.
      if (!extension.$type.startsWith('zeebe:')) continue;
      const message = unsupportedMessage(extension.$type);
      if (message) report(element, message);
    }
  };
  checkExtensions(container);
  for (const artifact of listProp(container, 'artifacts')) {
    const message = unsupportedMessage(artifact.$type);
    if (message) report(artifact, message);
  }
  for (const element of listProp(container, 'flowElements')) {
    const message = unsupportedMessage(coverageKey(element));
    if (message) report(element, message);
    const loop = elementProp(element, 'loopCharacteristics');
    const loopMessage = loop && unsupportedMessage(loop.$type);
    if (loopMessage) report(element, loopMessage);
    if (element.isForCompensation === true) {
      report(element, `${element.$type} as a compensation handler is not supported yet (tier 3)`);
    }
    checkExtensions(element);
    if (listProp(element, 'flowElements').length > 0) checkCoverage(element, report);
  }
}

function checkFlowEnds(flow: ModdleElement, report: Report): void {
  const source = elementProp(flow, 'sourceRef');
  const target = elementProp(flow, 'targetRef');
  if (!source) report(flow, `Expected sequence flow '${flow.id ?? ''}' to have a source (sourceRef)`);
  if (!target) report(flow, `Expected sequence flow '${flow.id ?? ''}' to have a target (targetRef)`);
}

function checkFlow(flow: ModdleElement, report: Report): void {
  const source = elementProp(flow, 'sourceRef');
  const condition = conditionOf(flow);
  if (condition === undefined || !source) return;
  const fromGateway = source.$type === 'bpmn:ExclusiveGateway' || source.$type === 'bpmn:InclusiveGateway';
  if (!fromGateway) {
    report(
      flow,
      `Expected no condition on flow '${flow.id ?? ''}': only flows leaving an exclusive gateway are conditional`,
    );
    return;
  }
  if (elementProp(source, 'default') === flow) {
    report(flow, `Expected no condition on flow '${flow.id ?? ''}', the gateway's default flow`);
    return;
  }
  checkExpression(flow, condition, `the condition of flow '${flow.id ?? ''}'`, report, { feelOnly: true });
}

/** The condition expression body of a flow, or undefined when it has none (or a blank one). */
export function conditionOf(flow: ModdleElement): string | undefined {
  const body = stringProp(elementProp(flow, 'conditionExpression') ?? { $type: '' }, 'body')?.trim();
  return body ? body : undefined;
}

function checkNode(node: ModdleElement, graph: Graph, report: Report): void {
  const id = node.id ?? '';
  const outgoing = graph.outgoing.get(id) ?? [];
  const incoming = graph.incoming.get(id) ?? [];
  if (node.$type === 'bpmn:StartEvent' && incoming.length > 0) {
    report(node, `Expected no incoming sequence flow into start event '${id}'`);
  }
  if (node.$type === 'bpmn:EndEvent' && outgoing.length > 0) {
    report(node, `Expected no outgoing sequence flow from end event '${id}'`);
  }
  if (node.$type !== 'bpmn:EndEvent' && outgoing.length === 0 && !isOffThePath(node)) {
    report(node, `Expected an outgoing sequence flow from ${describe(node)}: only end events may end a path`);
  }

  const defaultFlow = elementProp(node, 'default');
  if (node.$type === 'bpmn:ExclusiveGateway') {
    if (defaultFlow && elementProp(defaultFlow, 'sourceRef') !== node) {
      report(node, `Expected the default flow '${defaultFlow.id ?? ''}' to leave gateway '${id}'`);
    }
    if (outgoing.length > 1) {
      for (const flow of outgoing) {
        if (flow !== defaultFlow && conditionOf(flow) === undefined) {
          report(
            flow,
            `Expected a condition on flow '${flow.id ?? ''}', or mark it as the gateway's default flow`,
          );
        }
      }
    }
  } else if (defaultFlow && node.$type !== 'bpmn:InclusiveGateway') {
    report(
      node,
      `Expected no default flow on ${describe(node)}: default flows are supported on exclusive gateways`,
    );
  }

  if (node.$type === 'bpmn:UserTask') checkUserTask(node, report);
}

function checkUserTask(task: ModdleElement, report: Report): void {
  const assignment = extensionOf(task, 'zeebe:AssignmentDefinition');
  for (const property of ['assignee', 'candidateGroups', 'candidateUsers']) {
    const value = assignment && stringProp(assignment, property);
    if (value !== undefined) checkExpression(task, value, `zeebe:assignmentDefinition ${property}`, report);
  }

  const schedule = extensionOf(task, 'zeebe:TaskSchedule');
  for (const property of ['dueDate', 'followUpDate']) {
    const value = schedule && stringProp(schedule, property);
    if (value === undefined || value.trim() === '') continue;
    if (isFeel(value)) checkExpression(task, value, `zeebe:taskSchedule ${property}`, report);
    else if (toUtcInstant(value) === null) {
      report(
        task,
        `Expected zeebe:taskSchedule ${property} to be an ISO 8601 date-time with offset (e.g. 2025-09-01T08:00:00+08:00) or a FEEL expression, got '${clip(value)}'`,
      );
    }
  }

  const form = extensionOf(task, 'zeebe:FormDefinition');
  if (form) {
    for (const property of ['formKey', 'externalReference']) {
      if (stringProp(form, property) !== undefined) {
        report(task, `Expected zeebe:formDefinition formId: ${property} is not supported yet (tier 1)`);
      }
    }
  }

  const priority = extensionOf(task, 'zeebe:PriorityDefinition');
  const value = priority && stringProp(priority, 'priority');
  if (value !== undefined && parsePriority(value) === undefined) {
    report(
      task,
      isFeel(value)
        ? 'Expected a static zeebe:priorityDefinition priority from 0 to 100: FEEL priorities are not supported yet'
        : `Expected zeebe:priorityDefinition priority to be an integer from 0 to 100, got '${clip(value)}'`,
    );
  }
}

/** A static priority as a number, or undefined when it is not an integer from 0 to 100. */
export function parsePriority(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const priority = Number(trimmed);
  return priority <= 100 ? priority : undefined;
}

function checkExpression(
  element: ModdleElement,
  value: string,
  where: string,
  report: Report,
  options: { feelOnly?: boolean } = {},
): void {
  if (!isFeel(value)) {
    if (options.feelOnly)
      report(element, `Expected a FEEL expression (starting with '=') as ${where}, got '${clip(value)}'`);
    return;
  }
  const problem = checkFeelSyntax(value);
  if (problem) {
    report(
      element,
      `Expected a valid FEEL expression as ${where}: ${problem.message} at position ${problem.position} of '${clip(value)}'`,
    );
  }
}

/** Elements that legitimately have no incoming or outgoing flow of their own. */
function isOffThePath(node: ModdleElement): boolean {
  return (
    node.isForCompensation === true || (node.$type === 'bpmn:SubProcess' && node.triggeredByEvent === true)
  );
}

function unreachable(nodes: ModdleElement[], starts: ModdleElement[], graph: Graph): ModdleElement[] {
  const reached = new Set<ModdleElement>();
  const queue = [...starts];
  const boundaries = nodes.filter((node) => node.$type === 'bpmn:BoundaryEvent');
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (reached.has(node)) continue;
    reached.add(node);
    for (const flow of graph.outgoing.get(node.id ?? '') ?? []) {
      const target = elementProp(flow, 'targetRef');
      if (target) queue.push(target);
    }
    for (const boundary of boundaries) {
      if (elementProp(boundary, 'attachedToRef') === node) queue.push(boundary);
    }
  }
  return nodes.filter((node) => !reached.has(node) && !isOffThePath(node));
}

function describe(node: ModdleElement): string {
  const name = stringProp(node, 'name');
  return name ? `'${clip(name)}' (${node.id ?? ''})` : `'${node.id ?? ''}'`;
}
