import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import { purgeCaseFile } from '../../../../libs/persistence/src';
import type { JobHandler } from './job-handler';

/**
 * `purge-case` (消档, element `purge-file` of crisis-care, after the retention timer): destroys
 * the case's key and those of the cases it called, so its sealed content — variables, task
 * views, free text of its history, in PostgreSQL and in Temporal — can never be opened again.
 * Who had which task when and the audit chain remain and verify. No headers. Idempotent (one
 * `case.purged` entry); while a called case still runs it throws, so Temporal retries and then
 * raises an incident (docs/service-handlers.md, ADR 0020).
 */
export const purgeCase: JobHandler = async (
  { instance, job }: JobInput,
  { db, dataKey },
): Promise<JobResult> => {
  await purgeCaseFile(db, dataKey, {
    instanceId: instance.instanceId,
    jobId: job.jobId,
    elementId: job.elementId,
  });
  return { variables: {} };
};
