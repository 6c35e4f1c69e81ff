import type { ElementBase } from './compile-events';
import { compileIoMapping } from './compile-io-mapping';
import { compileJobDefinition } from './compile-job';
import { INTERNAL_JOB_TYPES } from './job-types';
import {
  calledDecisionOf,
  DEFAULT_RETRIES,
  calledElementOf,
  isNoneStartEvent,
  messageOf,
  multiInstanceOf,
  parsePriority,
  scriptOf,
} from './element-properties';
import { isEventSubProcess, type FlowScope } from './flow-scopes';
import type { ActivityElement, MultiInstance, UserTaskAssignment, UserTaskElement } from './model';
import { extensionOf, trimmedProp, type ModdleElement } from './moddle';
import { optional } from './optional';

/** What activities have on top of every element: the boundary events attached to them. */
export type ActivityBaseInput = ElementBase & { boundaryEventIds: string[] };

/**
 * Compiles a task, sub-process or call activity of a validated process. `scopeOf` finds the
 * scope a sub-process opens, for its start events and event sub-processes.
 */
export function compileActivity(
  activity: ModdleElement,
  base: ActivityBaseInput,
  scopeOf: (container: ModdleElement) => FlowScope | undefined,
): ActivityElement {
  const common = {
    ...base,
    ...optional('ioMapping', compileIoMapping(activity)),
    ...optional('multiInstance', compileMultiInstance(activity)),
  };
  switch (activity.$type) {
    case 'bpmn:UserTask':
      return { ...common, ...userTaskProperties(activity) };
    case 'bpmn:ServiceTask':
    case 'bpmn:SendTask':
      return {
        ...common,
        type: activity.$type === 'bpmn:ServiceTask' ? 'serviceTask' : 'sendTask',
        ...compileJobDefinition(activity),
      };
    case 'bpmn:BusinessRuleTask': {
      const called = calledDecisionOf(activity);
      if (!called) return { ...common, ...compileJobDefinition(activity), type: 'businessRuleTask' };
      return {
        ...common,
        type: 'businessRuleTask',
        jobType: INTERNAL_JOB_TYPES.evaluateDecision,
        retries: DEFAULT_RETRIES,
        headers: { decisionId: called.decisionId ?? '', resultVariable: called.resultVariable ?? '' },
      };
    }
    case 'bpmn:ReceiveTask': {
      const { messageName, correlationKey } = messageOf(activity);
      return {
        ...common,
        type: 'receiveTask',
        message: { messageName: messageName ?? '', ...optional('correlationKey', correlationKey) },
      };
    }
    case 'bpmn:ScriptTask': {
      const { expression, resultVariable } = scriptOf(activity);
      return {
        ...common,
        type: 'scriptTask',
        expression: expression ?? '',
        resultVariable: resultVariable ?? '',
      };
    }
    case 'bpmn:ManualTask':
      return { ...common, type: 'manualTask' };
    case 'bpmn:Task':
      return { ...common, type: 'task' };
    case 'bpmn:SubProcess': {
      const nodes = scopeOf(activity)?.nodes ?? [];
      const triggeredByEvent = isEventSubProcess(activity);
      const starts = nodes.filter((node) =>
        triggeredByEvent ? node.$type === 'bpmn:StartEvent' : isNoneStartEvent(node),
      );
      return {
        ...common,
        type: 'subProcess',
        triggeredByEvent,
        startEventIds: starts.map((node) => node.id ?? ''),
        eventSubProcessIds: nodes.filter(isEventSubProcess).map((node) => node.id ?? ''),
      };
    }
    case 'bpmn:CallActivity': {
      const called = calledElementOf(activity);
      return {
        ...common,
        type: 'callActivity',
        calledProcessId: called.processId ?? '',
        propagateAllParentVariables: called.propagateAllParentVariables,
        propagateAllChildVariables: called.propagateAllChildVariables,
      };
    }
    default:
      throw new Error(
        `compileActivity called with ${activity.$type} '${activity.id ?? ''}', which it cannot compile`,
      );
  }
}

/** zeebe:taskDefinition and zeebe:taskHeaders of a task that runs as a job. */

function compileMultiInstance(activity: ModdleElement): MultiInstance | undefined {
  const loop = multiInstanceOf(activity);
  if (!loop) return undefined;
  return {
    sequential: loop.sequential,
    inputCollection: loop.inputCollection ?? '',
    ...optional('inputElement', loop.inputElement),
    ...optional('outputCollection', loop.outputCollection),
    ...optional('outputElement', loop.outputElement),
    ...optional('completionCondition', loop.completionCondition),
  };
}

function userTaskProperties(
  task: ModdleElement,
): Pick<
  UserTaskElement,
  'type' | 'assignment' | 'formId' | 'formKey' | 'dueDate' | 'followUpDate' | 'priority'
> {
  const assignment = extensionOf(task, 'zeebe:AssignmentDefinition');
  const schedule = extensionOf(task, 'zeebe:TaskSchedule');
  const priority = trimmedProp(extensionOf(task, 'zeebe:PriorityDefinition'), 'priority');
  const taskAssignment: UserTaskAssignment = {
    ...optional('assignee', trimmedProp(assignment, 'assignee')),
    ...optional('candidateGroups', trimmedProp(assignment, 'candidateGroups')),
    ...optional('candidateUsers', trimmedProp(assignment, 'candidateUsers')),
  };
  return {
    type: 'userTask',
    assignment: taskAssignment,
    ...optional('formId', trimmedProp(extensionOf(task, 'zeebe:FormDefinition'), 'formId')),
    ...optional('formKey', trimmedProp(extensionOf(task, 'zeebe:FormDefinition'), 'formKey')),
    ...optional('dueDate', trimmedProp(schedule, 'dueDate')),
    ...optional('followUpDate', trimmedProp(schedule, 'followUpDate')),
    ...optional('priority', priority === undefined ? undefined : parsePriority(priority)),
  };
}
