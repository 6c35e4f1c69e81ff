import { DEPRECATED_JOB_TYPES } from './job-types';
import { coverageOf, type CoverageEntry } from './coverage';
import { embeddedFormIdOf } from './form-keys';
import type { DiagramProblem, ProcessModel } from './model';
import { listProp, type ModdleElement } from './moddle';
import { problem } from './problem-messages';
import { problemAt } from './diagram-problem';

/**
 * What a diagram that deploys may still do other than its author expects, as warnings naming
 * the element (the deploy answer's `warnings`; the diagram is stored all the same):
 * - modelling-only elements (coverage `modellingOnly`: data objects, data stores and their
 *   associations) that the engine ignores, as Camunda 8 does;
 * - user tasks nobody can ever see: no assignee, no candidate group, no candidate user;
 * - user tasks with a custom formKey (not an embedded form): CarePath shows no form for them;
 * - service and send tasks whose job type is deprecated (`deprecated`: type → what instead).
 * Warnings that need the deploy's context (a linked form that is not deployed) are added by the
 * api.
 */
export function diagramWarnings(
  process: ModdleElement,
  model: ProcessModel,
  deprecated: Readonly<Record<string, string | undefined>> = DEPRECATED_JOB_TYPES,
): DiagramProblem[] {
  return [
    ...modellingOnlyWarnings(process),
    ...unseenTaskWarnings(model),
    ...customFormKeyWarnings(model),
    ...deprecatedJobWarnings(model, deprecated),
  ];
}

/**
 * A formKey that names no embedded form is a form CarePath cannot show: the task keeps the key
 * (`formKey` in its view) for whatever application renders it, and opens without a form.
 */
function customFormKeyWarnings(model: ProcessModel): DiagramProblem[] {
  return Object.values(model.elements).flatMap((element) => {
    if (element.type !== 'userTask' || element.formKey === undefined) return [];
    if (embeddedFormIdOf(element.formKey) !== undefined) return [];
    return [
      problemAt(
        { id: element.id, $type: 'bpmn:UserTask' },
        problem('warning.customFormKey', { task: element.id, formKey: element.formKey }),
      ),
    ];
  });
}

export function deprecatedJobWarnings(
  model: ProcessModel,
  deprecated: Readonly<Record<string, string | undefined>>,
): DiagramProblem[] {
  return Object.values(model.elements).flatMap((element) => {
    if (
      element.type !== 'serviceTask' &&
      element.type !== 'sendTask' &&
      element.type !== 'businessRuleTask'
    ) {
      return [];
    }
    const instead = Object.hasOwn(deprecated, element.jobType) ? deprecated[element.jobType] : undefined;
    if (instead === undefined) return [];
    return [
      problemAt(
        { id: element.id, $type: ELEMENT_TYPES[element.type] },
        problem('warning.deprecatedJobType', { jobType: element.jobType, element: element.id, instead }),
      ),
    ];
  });
}

const ELEMENT_TYPES = {
  serviceTask: 'bpmn:ServiceTask',
  sendTask: 'bpmn:SendTask',
  businessRuleTask: 'bpmn:BusinessRuleTask',
} as const;

function modellingOnlyWarnings(container: ModdleElement): DiagramProblem[] {
  const warnings: DiagramProblem[] = [];
  for (const element of listProp(container, 'flowElements')) {
    const own = coverageOf(element.$type);
    if (own?.modellingOnly && element.$type !== 'bpmn:DataObject') warnings.push(ignored(element, own));
    for (const property of ['dataInputAssociations', 'dataOutputAssociations']) {
      for (const association of listProp(element, property)) {
        const entry = coverageOf(association.$type);
        if (entry?.modellingOnly) warnings.push(ignored(association, entry, element));
      }
    }
    warnings.push(...modellingOnlyWarnings(element));
  }
  return warnings;
}

function ignored(element: ModdleElement, entry: CoverageEntry, owner?: ModdleElement): DiagramProblem {
  const id = element.id ?? owner?.id ?? '';
  const label = { en: entry.label, 'zh-CN': entry.labelZh };
  return problemAt(
    element,
    owner
      ? problem('warning.modellingOnlyOf', { label, owner: owner.id ?? '' })
      : problem('warning.modellingOnly', { label, id }),
    id,
  );
}

function unseenTaskWarnings(model: ProcessModel): DiagramProblem[] {
  return Object.values(model.elements).flatMap((element) => {
    if (element.type !== 'userTask') return [];
    const { assignee, candidateGroups, candidateUsers } = element.assignment;
    if (assignee || candidateGroups || candidateUsers) return [];
    return [
      problemAt(
        { id: element.id, $type: 'bpmn:UserTask' },
        problem('warning.unseenTask', { task: element.id }),
      ),
    ];
  });
}
