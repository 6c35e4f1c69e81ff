import { INTERNAL_JOB_TYPES, type InternalJobType, type JobType } from '../../../../libs/bpmn/src/workflow';
import { assignCareGroup } from './assign-care-group';
import { compileMonthlyReport } from './compile-monthly-report';
import { evaluateDecisionJob } from './evaluate-decision';
import type { JobHandler } from './job-handler';
import { notify } from './notify';
import { startCase } from './start-case';
import { purgeCase } from './purge-case';
import { sealCase } from './seal-case';

/**
 * Every service-task type the worker can run, by `zeebe:taskDefinition type`. Typed against
 * JOB_TYPES, the list the deploy validator accepts, so a type cannot be accepted without a
 * handler nor a handler be added without being accepted.
 */
export const JOB_HANDLERS: Readonly<Record<JobType, JobHandler>> = {
  notify,
  'start-case': startCase,
  'assign-care-group': assignCareGroup,
  'compile-monthly-report': compileMonthlyReport,
  'seal-case': sealCase,
  'purge-case': purgeCase,
};

/** The jobs the engine creates itself (INTERNAL_JOB_TYPES): every worker runs them. */
export const INTERNAL_JOB_HANDLERS: Readonly<Record<InternalJobType, JobHandler>> = {
  [INTERNAL_JOB_TYPES.evaluateDecision]: evaluateDecisionJob,
};

/** The handler for a job type, or undefined (own keys only: "constructor" is no job type). */
export function handlerFor(
  handlers: Readonly<Record<string, JobHandler>>,
  jobType: string,
): JobHandler | undefined {
  return Object.hasOwn(handlers, jobType) ? handlers[jobType] : undefined;
}
