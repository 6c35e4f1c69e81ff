/**
 * Service-task job types the worker has a handler for. The deploy validator rejects any other
 * `zeebe:taskDefinition type`, so a diagram never waits on work nobody can do. The worker's
 * handler registry must match this list exactly (a unit test checks it).
 */
export const JOB_TYPES = ['notify'] as const;

export type JobType = (typeof JOB_TYPES)[number];

/**
 * Job types still run but on their way out, with what to use instead. Deploying a diagram that
 * uses one answers a warning naming the element (warnings.ts), so leads move off
 * it before its handler is removed. None is deprecated today.
 */
export const DEPRECATED_JOB_TYPES: Readonly<Partial<Record<JobType, string>>> = {};
