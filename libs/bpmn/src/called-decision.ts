import { INTERNAL_JOB_TYPES } from './job-types';
import type { JobTaskElement } from './model';

/**
 * The called decision of a compiled business rule task, or undefined for a plain job. The
 * compiler writes it into the job's headers (model.ts, JobTaskElement), where the worker's
 * evaluateDecision handler reads it. Kept apart from the compiler so readers load no parser.
 */
export function calledDecisionOfElement(
  element: JobTaskElement,
): { decisionId: string; resultVariable: string } | undefined {
  if (element.jobType !== INTERNAL_JOB_TYPES.evaluateDecision) return undefined;
  return {
    decisionId: element.headers.decisionId ?? '',
    resultVariable: element.headers.resultVariable ?? '',
  };
}
