import { isFeel, toUtcInstant } from '../../expressions/src';
import {
  calledDecisionOf,
  calledElementOf,
  multiInstanceOf,
  parsePriority,
  scriptOf,
} from './element-properties';
import { isEventSubProcess } from './flow-scopes';
import { processOf, userTaskFormsOf } from './embedded-forms';
import { embeddedFormIdOf } from './form-keys';
import { extensionOf, stringProp, trimmedProp, type ModdleElement } from './moddle';
import { checkExpression, checkVariableName, describe, type Report } from './report';
import { clip } from './text';
import { checkMessage, type CheckContext } from './validate-events';
import { checkJobDefinition } from './validate-job';

/** Checks what a task, sub-process or call activity needs to run. */
export function checkActivity(activity: ModdleElement, context: CheckContext): void {
  const { report } = context;
  switch (activity.$type) {
    case 'bpmn:UserTask':
      checkUserTask(activity, report);
      break;
    case 'bpmn:ServiceTask':
    case 'bpmn:SendTask':
      checkJobDefinition(activity, report);
      break;
    case 'bpmn:ReceiveTask':
      checkMessage(activity, activity, { needsCorrelationKey: true }, context);
      break;
    case 'bpmn:ScriptTask':
      checkScriptTask(activity, report);
      break;
    case 'bpmn:BusinessRuleTask':
      checkBusinessRuleTask(activity, report);
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

  checkFormDefinition(task, report);

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

/**
 * formId (a deployed form) or formKey (a job-worker user task: an embedded form, or a custom
 * key); an embedded-form key must name a zeebe:userTaskForm of the process. externalReference
 * is not run yet.
 */
function checkFormDefinition(task: ModdleElement, report: Report): void {
  const form = extensionOf(task, 'zeebe:FormDefinition');
  if (!form) return;
  if (stringProp(form, 'externalReference') !== undefined) {
    report(
      task,
      'Expected zeebe:formDefinition formId or formKey: externalReference is not supported yet (tier 1)',
    );
  }
  const formKey = trimmedProp(form, 'formKey');
  if (formKey === undefined) return;
  if (trimmedProp(form, 'formId') !== undefined) {
    report(
      task,
      `Expected one of zeebe:formDefinition formId and formKey on user task ${describe(task)}, found both`,
    );
  }
  const embeddedId = embeddedFormIdOf(formKey);
  const process = processOf(task);
  if (embeddedId !== undefined && process && !userTaskFormsOf(process).has(embeddedId)) {
    report(
      task,
      `Expected a zeebe:userTaskForm with id '${clip(embeddedId)}' in process '${process.id ?? ''}': user task ${describe(task)} links it by formKey '${clip(formKey)}'`,
    );
  }
}

/**
 * A business rule task either calls a DMN decision (zeebe:calledDecision) or is a plain job
 * (zeebe:taskDefinition), as in Zeebe; never both, never neither.
 */
function checkBusinessRuleTask(task: ModdleElement, report: Report): void {
  const called = calledDecisionOf(task);
  const hasJob = extensionOf(task, 'zeebe:TaskDefinition') !== undefined;
  if (called && hasJob) {
    report(
      task,
      `Expected either zeebe:calledDecision or zeebe:taskDefinition on business rule task ${describe(task)}, not both`,
    );
    return;
  }
  if (!called) {
    if (hasJob) checkJobDefinition(task, report);
    else {
      report(
        task,
        `Expected a called decision on business rule task ${describe(task)}: set zeebe:calledDecision decisionId and resultVariable (or zeebe:taskDefinition for a job)`,
      );
    }
    return;
  }
  if (called.decisionId === undefined) {
    report(
      task,
      `Expected a decision id on business rule task ${describe(task)}: set zeebe:calledDecision decisionId`,
    );
  } else {
    checkExpression(
      task,
      called.decisionId,
      `the zeebe:calledDecision decisionId of ${describe(task)}`,
      report,
    );
  }
  if (called.resultVariable === undefined) {
    report(
      task,
      `Expected a result variable on business rule task ${describe(task)}: set zeebe:calledDecision resultVariable`,
    );
  } else {
    checkVariableName(
      task,
      called.resultVariable,
      `the zeebe:calledDecision resultVariable of ${describe(task)}`,
      report,
    );
  }
  if (called.bindingType !== undefined && called.bindingType !== 'latest') {
    report(
      task,
      `Expected zeebe:calledDecision bindingType 'latest' on ${describe(task)}: binding '${clip(called.bindingType)}' is not supported yet, the latest deployed version is evaluated`,
    );
  }
  if (extensionOf(task, 'zeebe:TaskHeaders') !== undefined) {
    report(
      task,
      `Expected no zeebe:taskHeaders on business rule task ${describe(task)}: a called decision has none`,
    );
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
