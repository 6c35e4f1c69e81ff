import { DEPRECATED_JOB_TYPES } from './job-types';
import { coverageOf } from './coverage';
import { embeddedFormIdOf } from './form-keys';
import type { DiagramProblem, ProcessModel } from './model';
import { listProp, type ModdleElement } from './moddle';

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
      {
        elementId: element.id,
        elementType: 'bpmn:UserTask',
        message: `User task '${element.id}' has the custom form key '${element.formKey}': CarePath shows no form for it (only embedded 'camunda-forms:bpmn:…' forms and formId); the task carries the key as formKey`,
      },
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
      {
        elementId: element.id,
        elementType: ELEMENT_TYPES[element.type],
        message: `Job type '${element.jobType}' of '${element.id}' is deprecated: ${instead}`,
      },
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
    if (own?.modellingOnly && element.$type !== 'bpmn:DataObject') warnings.push(ignored(element, own.label));
    for (const property of ['dataInputAssociations', 'dataOutputAssociations']) {
      for (const association of listProp(element, property)) {
        const entry = coverageOf(association.$type);
        if (entry?.modellingOnly) warnings.push(ignored(association, entry.label, element));
      }
    }
    warnings.push(...modellingOnlyWarnings(element));
  }
  return warnings;
}

function ignored(element: ModdleElement, label: string, owner?: ModdleElement): DiagramProblem {
  const id = element.id ?? owner?.id ?? '';
  return {
    elementId: id,
    elementType: element.$type,
    message: `Ignored: the ${label}${owner ? ` of '${owner.id ?? ''}'` : ` '${id}'`} is modelling only in Camunda 8; the engine neither reads nor writes it`,
  };
}

function unseenTaskWarnings(model: ProcessModel): DiagramProblem[] {
  return Object.values(model.elements).flatMap((element) => {
    if (element.type !== 'userTask') return [];
    const { assignee, candidateGroups, candidateUsers } = element.assignment;
    if (assignee || candidateGroups || candidateUsers) return [];
    return [
      {
        elementId: element.id,
        elementType: 'bpmn:UserTask',
        message: `User task '${element.id}' has no assignee, candidate group or candidate user: nobody will ever see it, and the case will wait there`,
      },
    ];
  });
}
