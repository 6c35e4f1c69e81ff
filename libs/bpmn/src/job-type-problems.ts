import { extensionsOf, stringProp, type ModdleElement } from './moddle-read';
import { problem, type ProblemParam, type ProblemText } from './problem-messages';
import { clip } from './text';

/**
 * Whether an element's `zeebe:taskDefinition type` names work some worker handler does: the one
 * wording for the deploy validator (validate-job.ts, over JOB_TYPES) and the modeler's lint rule
 * (lint/coverage-rule.ts, over the job types the api serves). Pure: no parser, no Node.
 */

/** The elements that run a job (where validate-job.ts checks the job type). */
export const JOB_ELEMENT_TYPES: readonly string[] = [
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:BusinessRuleTask',
  'bpmn:IntermediateThrowEvent',
  'bpmn:EndEvent',
];

/** The trimmed `type` of the element's zeebe:taskDefinition, or undefined when blank or absent. */
export function jobTypeOf(element: ModdleElement): string | undefined {
  const definition = extensionsOf(element).find((extension) => extension.$type === 'zeebe:TaskDefinition');
  const type = definition && stringProp(definition, 'type')?.trim();
  return type ? type : undefined;
}

/**
 * The problem with a job type, or null when a handler runs it. `element` names the element in
 * the message (report.ts describe); a type starting with '=' is FEEL (as isFeel says), which no
 * deploy can check against the handlers.
 */
export function jobTypeProblem(
  type: string | undefined,
  jobTypes: readonly string[],
  element: ProblemParam,
): ProblemText | null {
  const known = jobTypes.join(', ');
  if (type === undefined) return problem('job.missingType', { element, known });
  if (type.startsWith('=')) return problem('job.feelType', { element, known });
  if (!jobTypes.includes(type)) return problem('job.unknownType', { element, known, type: clip(type) });
  return null;
}
