/**
 * Service-task job types the worker has a handler for. The deploy validator rejects any other
 * `zeebe:taskDefinition type`, so a diagram never waits on work nobody can do. The worker's
 * handler registry must match this list exactly (a unit test checks it).
 */
export const JOB_TYPES = ['notify'] as const;

export type JobType = (typeof JOB_TYPES)[number];
