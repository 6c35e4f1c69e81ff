/**
 * Service-task job types the worker has a handler for. The deploy validator rejects any other
 * `zeebe:taskDefinition type`, so a diagram never waits on work nobody can do. The worker's
 * handler registry must match this list exactly (a unit test checks it).
 */
export const JOB_TYPES = [
  'notify',
  'assign-care-group',
  'compile-monthly-report',
  'start-case',
  'seal-case',
  'purge-case',
] as const;

export type JobType = (typeof JOB_TYPES)[number];

/**
 * Job types the engine itself creates, never written in a diagram (the validator accepts only
 * JOB_TYPES in zeebe:taskDefinition): a business rule task with zeebe:calledDecision runs as a
 * job of `evaluateDecision`, whose headers are the task's `decisionId` and `resultVariable`
 * (docs/adr/0009-dmn-decisions.md). The worker registers a handler for each.
 */
export const INTERNAL_JOB_TYPES = { evaluateDecision: 'carepath:evaluate-decision' } as const;

export type InternalJobType = (typeof INTERNAL_JOB_TYPES)[keyof typeof INTERNAL_JOB_TYPES];

/**
 * Job types still run but on their way out, with what to use instead. Deploying a diagram that
 * uses one answers a warning naming the element (warnings.ts), so leads move off
 * it before its handler is removed. None is deprecated today.
 */
export const DEPRECATED_JOB_TYPES: Readonly<Partial<Record<JobType, string>>> = {};

/**
 * The job a signal throw or end event runs: the worker broadcasts the signal (header
 * `signalName`, the job's variables as its payload) from the case's org unit, as
 * docs/signals.md says. Not a `zeebe:taskDefinition type` a diagram may name: JOB_TYPES does not
 * list it, so the deploy validator refuses it there.
 */
export const BROADCAST_SIGNAL_JOB_TYPE = 'carepath:broadcast-signal';
