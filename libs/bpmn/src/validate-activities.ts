import { isFeel, toUtcInstant } from '../../expressions/src';
import { JOB_TYPES } from './job-types';
import {
  calledElementOf,
  multiInstanceOf,
  parsePriority,
  parseRetries,
  scriptOf,
  taskDefinitionOf,
  taskHeadersOf,
} from './element-properties';
import { isEventSubProcess } from './flow-scopes';
import { extensionOf, stringProp, type ModdleElement } from './moddle';
import { checkExpression, checkVariableName, describe, type Report } from './report';
import { clip } from './text';
import { checkMessage, type CheckContext } from './validate-events';

/** Checks what a task, sub-process or call activity needs to run. */
export function checkActivity(activity: ModdleElement, context: CheckContext): void {
  const { report } = context;
  switch (activity.$type) {
    case 'bpmn:UserTask':
      checkUserTask(activity, report);
      break;
    case 'bpmn:ServiceTask':
    case 'bpmn:SendTask':
      checkJobTask(activity, report);
      break;
    case 'bpmn:ReceiveTask':
      checkMessage(activity, activity, { needsCorrelationKey: true }, context);
      break;
    case 'bpmn:ScriptTask':
      checkScriptTask(activity, report);
      break;
    case 'bpmn:CallActivity':
      checkCallActivity(activity, report);
      break;
  }
  checkMultiInstance(activity, report);
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

const KNOWN_JOB_TYPES: ReadonlySet<string> = new Set(JOB_TYPES);

/** Service and send tasks: a job type some worker handler runs, retries, headers. */
function checkJobTask(task: ModdleElement, report: Report): void {
  const known = JOB_TYPES.join(', ');
  const { type, retries } = taskDefinitionOf(task);
  if (type === undefined) {
    report(
      task,
      `Expected a job type on ${describe(task)}: set zeebe:taskDefinition type (one of: ${known})`,
    );
  } else if (isFeel(type)) {
    report(
      task,
      `Expected a static zeebe:taskDefinition type on ${describe(task)} (one of: ${known}): a FEEL job type cannot be checked against the worker's handlers`,
    );
  } else if (!KNOWN_JOB_TYPES.has(type)) {
    report(
      task,
      `Expected the zeebe:taskDefinition type of ${describe(task)} to be a job type the worker handles (one of: ${known}), got '${clip(type)}'`,
    );
  }
  if (retries !== undefined && parseRetries(retries) === undefined) {
    report(
      task,
      `Expected the zeebe:taskDefinition retries of ${describe(task)} to be an integer from 1 to 100, got '${clip(retries)}'`,
    );
  }

  const seen = new Set<string>();
  for (const { key } of taskHeadersOf(task)) {
    if (key === undefined) report(task, `Expected a key on every zeebe:header of ${describe(task)}`);
    else if (key === '__proto__')
      report(task, `Expected a zeebe:header key other than '__proto__' on ${describe(task)}`);
    else if (seen.has(key))
      report(task, `Expected each zeebe:header key once on ${describe(task)}, found '${clip(key)}' again`);
    else seen.add(key);
  }
}

function checkScriptTask(task: ModdleElement, report: Report): void {
  const { expression, resultVariable } = scriptOf(task);
  if (expression === undefined) {
    report(task, `Expected a FEEL expression on script task ${describe(task)}: set zeebe:script expression`);
  } else {
    checkExpression(task, expression, `the zeebe:script expression of ${describe(task)}`, report, {
      feelOnly: true,
    });
  }
  if (resultVariable === undefined) {
    report(
      task,
      `Expected a result variable on script task ${describe(task)}: set zeebe:script resultVariable`,
    );
  } else {
    checkVariableName(task, resultVariable, `the zeebe:script resultVariable of ${describe(task)}`, report);
  }
}

function checkCallActivity(activity: ModdleElement, report: Report): void {
  const { processId, bindingType } = calledElementOf(activity);
  if (processId === undefined) {
    report(
      activity,
      `Expected a called process on call activity ${describe(activity)}: set zeebe:calledElement processId`,
    );
  } else {
    checkExpression(
      activity,
      processId,
      `the zeebe:calledElement processId of ${describe(activity)}`,
      report,
    );
  }
  if (bindingType !== undefined && bindingType !== 'latest') {
    report(
      activity,
      `Expected zeebe:calledElement bindingType 'latest' on ${describe(activity)}: binding '${clip(bindingType)}' is not supported yet, the latest deployed version is called`,
    );
  }
}

function checkMultiInstance(activity: ModdleElement, report: Report): void {
  const loop = multiInstanceOf(activity);
  if (!loop) return;
  const where = (property: string): string =>
    `zeebe:loopCharacteristics ${property} of ${describe(activity)}`;
  if (isEventSubProcess(activity)) {
    report(activity, `Expected no multi-instance on event sub-process ${describe(activity)}`);
  }
  if (loop.loopCardinality !== undefined) {
    report(
      activity,
      `Expected zeebe:loopCharacteristics inputCollection on multi-instance ${describe(activity)}: loopCardinality is not supported`,
    );
  }
  if (loop.inputCollection === undefined) {
    report(
      activity,
      `Expected an input collection on multi-instance ${describe(activity)}: set zeebe:loopCharacteristics inputCollection`,
    );
  } else {
    checkExpression(activity, loop.inputCollection, where('inputCollection'), report, { feelOnly: true });
  }
  if (loop.inputElement !== undefined) {
    checkVariableName(activity, loop.inputElement, where('inputElement'), report);
  }
  if ((loop.outputCollection === undefined) !== (loop.outputElement === undefined)) {
    report(
      activity,
      `Expected both zeebe:loopCharacteristics outputCollection and outputElement on multi-instance ${describe(activity)}, or neither`,
    );
  }
  if (loop.outputCollection !== undefined) {
    checkVariableName(activity, loop.outputCollection, where('outputCollection'), report);
  }
  if (loop.outputElement !== undefined) {
    checkExpression(activity, loop.outputElement, where('outputElement'), report, { feelOnly: true });
  }
  if (loop.completionCondition !== undefined) {
    checkExpression(
      activity,
      loop.completionCondition,
      `the completionCondition of multi-instance ${describe(activity)}`,
      report,
      { feelOnly: true },
    );
  }
}
