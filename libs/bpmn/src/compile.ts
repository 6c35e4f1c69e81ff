import type {
  CompileResult,
  DiagramProblem,
  FlowElement,
  ProcessModel,
  SequenceFlow,
  UserTaskAssignment,
  UserTaskElement,
} from './model';
import { elementProp, extensionOf, listProp, parseDiagram, stringProp, type ModdleElement } from './moddle';
import { buildGraph, conditionOf, isNoneStartEvent, parsePriority, validateProcess } from './validate';
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
    errors.push(problemAt(definitions, 'Expected a process in the diagram'));
  } else if (executable.length === 0) {
    for (const process of processes) {
      errors.push(
        problemAt(
          process,
          `Expected an executable process: set isExecutable="true" on process '${process.id ?? ''}'`,
        ),
      );
    }
  } else if (executable.length > 1) {
    const ids = executable.map((process) => process.id ?? '').join(', ');
    for (const process of executable.slice(1)) {
      errors.push(
        problemAt(
          process,
          `Expected one executable process per diagram, found ${executable.length} (${ids}): deploy them as separate diagrams or set isExecutable="false"`,
        ),
      );
    }
  }
  const unresolvedReferenceIds = new Set(
    problems
      .filter((problem) => problem.message.includes('to name an element'))
      .map((problem) => problem.elementId),
  );
  for (const process of executable) errors.push(...validateProcess(process, { unresolvedReferenceIds }));

  const [process] = executable;
  if (errors.length > 0 || !process) return { ok: false, errors };
  return { ok: true, model: buildModel(process), warnings: [] };
}

function problemAt(element: ModdleElement, message: string): DiagramProblem {
  return { elementId: element.id ?? '', elementType: element.$type, message };
}

const ELEMENT_TYPES = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:Task': 'task',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
} as const satisfies Record<string, FlowElement['type']>;

/** Builds the model of a process that passed validation: every element in it is supported. */
function buildModel(process: ModdleElement): ProcessModel {
  const flowElements = listProp(process, 'flowElements');
  const flowNodes = flowElements.filter((element) => element.$type !== 'bpmn:SequenceFlow');
  const graph = buildGraph(flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow'));
  const ids = (flows: ModdleElement[] | undefined): string[] => (flows ?? []).map((flow) => flow.id ?? '');

  const elements: Record<string, FlowElement> = {};
  const flows: Record<string, SequenceFlow> = {};
  for (const node of flowNodes) {
    const id = node.id ?? '';
    const type = ELEMENT_TYPES[node.$type as keyof typeof ELEMENT_TYPES];
    const base = {
      id,
      ...optional('name', stringProp(node, 'name')),
      incoming: ids(graph.incoming.get(id)),
      outgoing: ids(graph.outgoing.get(id)),
    };
    if (type === 'userTask') elements[id] = { ...base, ...userTaskProperties(node) };
    else if (type === 'exclusiveGateway' || type === 'parallelGateway') {
      elements[id] = { ...base, type, ...optional('defaultFlowId', elementProp(node, 'default')?.id) };
    } else elements[id] = { ...base, type };
  }
  for (const flow of flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow')) {
    const id = flow.id ?? '';
    flows[id] = {
      id,
      sourceId: elementProp(flow, 'sourceRef')?.id ?? '',
      targetId: elementProp(flow, 'targetRef')?.id ?? '',
      ...optional('condition', conditionOf(flow)),
    };
  }
  return {
    id: process.id ?? '',
    ...optional('name', stringProp(process, 'name')),
    elements,
    flows,
    startEventIds: flowNodes.filter(isNoneStartEvent).map((node) => node.id ?? ''),
  };
}

function userTaskProperties(
  task: ModdleElement,
): Omit<UserTaskElement, 'id' | 'name' | 'incoming' | 'outgoing'> {
  const assignment = extensionOf(task, 'zeebe:AssignmentDefinition');
  const schedule = extensionOf(task, 'zeebe:TaskSchedule');
  const form = extensionOf(task, 'zeebe:FormDefinition');
  const priority = extensionOf(task, 'zeebe:PriorityDefinition');
  const read = (element: ModdleElement | undefined, property: string): string | undefined => {
    const value = element && stringProp(element, property)?.trim();
    return value ? value : undefined;
  };
  const priorityValue = read(priority, 'priority');
  const taskAssignment: UserTaskAssignment = {
    ...optional('assignee', read(assignment, 'assignee')),
    ...optional('candidateGroups', read(assignment, 'candidateGroups')),
    ...optional('candidateUsers', read(assignment, 'candidateUsers')),
  };
  return {
    type: 'userTask',
    assignment: taskAssignment,
    ...optional('formId', read(form, 'formId')),
    ...optional('dueDate', read(schedule, 'dueDate')),
    ...optional('followUpDate', read(schedule, 'followUpDate')),
    ...optional('priority', priorityValue === undefined ? undefined : parsePriority(priorityValue)),
  };
}

/** `{ key: value }` when value is defined, else `{}`: the model never holds undefined (JSON drops it). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
