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
import { named } from './diagram-problem';
import { problem, type ProblemText } from './problem-messages';
import { checkExpression, checkVariableName, type Report } from './report';
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
    if (value !== undefined) checkExpression(task, value, problem('where.assignment', { property }), report);
  }

  const schedule = extensionOf(task, 'zeebe:TaskSchedule');
  for (const property of ['dueDate', 'followUpDate']) {
    const value = schedule && stringProp(schedule, property);
    if (value === undefined || value.trim() === '') continue;
    if (isFeel(value)) checkExpression(task, value, problem('where.schedule', { property }), report);
    else if (toUtcInstant(value) === null) {
      report(task, problem('userTask.scheduleDate', { property, value: clip(value) }));
    }
  }

  checkFormDefinition(task, report);

  const priority = extensionOf(task, 'zeebe:PriorityDefinition');
  const value = priority && stringProp(priority, 'priority');
  if (value !== undefined && parsePriority(value) === undefined) {
    report(
      task,
      isFeel(value) ? problem('userTask.feelPriority') : problem('userTask.priority', { value: clip(value) }),
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
    report(task, problem('userTask.externalForm'));
  }
  const formKey = trimmedProp(form, 'formKey');
  if (formKey === undefined) return;
  if (trimmedProp(form, 'formId') !== undefined) {
    report(task, problem('userTask.formIdAndKey', { task: named(task) }));
  }
  const embeddedId = embeddedFormIdOf(formKey);
  const process = processOf(task);
  if (embeddedId !== undefined && process && !userTaskFormsOf(process).has(embeddedId)) {
    report(
      task,
      problem('userTask.missingEmbeddedForm', {
        formId: clip(embeddedId),
        process: process.id ?? '',
        task: named(task),
        formKey: clip(formKey),
      }),
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
    report(task, problem('ruleTask.decisionAndJob', { task: named(task) }));
    return;
  }
  if (!called) {
    if (hasJob) checkJobDefinition(task, report);
    else {
      report(task, problem('ruleTask.noDecision', { task: named(task) }));
    }
    return;
  }
  if (called.decisionId === undefined) {
    report(task, problem('ruleTask.noDecisionId', { task: named(task) }));
  } else {
    checkExpression(task, called.decisionId, problem('where.decisionId', { element: named(task) }), report);
  }
  if (called.resultVariable === undefined) {
    report(task, problem('ruleTask.noResultVariable', { task: named(task) }));
  } else {
    checkVariableName(
      task,
      called.resultVariable,
      problem('where.decisionResultVariable', { element: named(task) }),
      report,
    );
  }
  if (called.bindingType !== undefined && called.bindingType !== 'latest') {
    report(task, problem('ruleTask.binding', { element: named(task), binding: clip(called.bindingType) }));
  }
  if (extensionOf(task, 'zeebe:TaskHeaders') !== undefined) {
    report(task, problem('ruleTask.headers', { task: named(task) }));
  }
}

function checkScriptTask(task: ModdleElement, report: Report): void {
  const { expression, resultVariable } = scriptOf(task);
  if (expression === undefined) {
    report(task, problem('scriptTask.noExpression', { task: named(task) }));
  } else {
    checkExpression(task, expression, problem('where.scriptExpression', { element: named(task) }), report, {
      feelOnly: true,
    });
  }
  if (resultVariable === undefined) {
    report(task, problem('scriptTask.noResultVariable', { task: named(task) }));
  } else {
    checkVariableName(
      task,
      resultVariable,
      problem('where.scriptResultVariable', { element: named(task) }),
      report,
    );
  }
}

function checkCallActivity(activity: ModdleElement, report: Report): void {
  const { processId, bindingType } = calledElementOf(activity);
  if (processId === undefined) {
    report(activity, problem('callActivity.noProcess', { activity: named(activity) }));
  } else {
    checkExpression(
      activity,
      processId,
      problem('where.calledProcessId', { element: named(activity) }),
      report,
    );
  }
  if (bindingType !== undefined && bindingType !== 'latest') {
    report(
      activity,
      problem('callActivity.binding', { element: named(activity), binding: clip(bindingType) }),
    );
  }
}

function checkMultiInstance(activity: ModdleElement, report: Report): void {
  const loop = multiInstanceOf(activity);
  if (!loop) return;
  const where = (property: string): ProblemText =>
    problem('where.loopProperty', { property, element: named(activity) });
  if (isEventSubProcess(activity)) {
    report(activity, problem('multiInstance.onEventSubProcess', { element: named(activity) }));
  }
  if (loop.loopCardinality !== undefined) {
    report(activity, problem('multiInstance.cardinality', { element: named(activity) }));
  }
  if (loop.inputCollection === undefined) {
    report(activity, problem('multiInstance.noInputCollection', { element: named(activity) }));
  } else {
    checkExpression(activity, loop.inputCollection, where('inputCollection'), report, { feelOnly: true });
  }
  if (loop.inputElement !== undefined) {
    checkVariableName(activity, loop.inputElement, where('inputElement'), report);
  }
  if ((loop.outputCollection === undefined) !== (loop.outputElement === undefined)) {
    report(activity, problem('multiInstance.outputPair', { element: named(activity) }));
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
      problem('where.completionCondition', { element: named(activity) }),
      report,
      { feelOnly: true },
    );
  }
}
