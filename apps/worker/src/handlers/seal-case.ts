import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import { sealCaseFile } from '../../../../libs/persistence/src';
import type { JobHandler } from './job-handler';

/**
 * `seal-case` (封存, element `seal-file` of crisis-care, after closure approval): marks the case
 * file sealed. From then on it is read-only and the api answers its reads only with a reason
 * (`?reason=`, recorded). No headers. Idempotent: a sealed case stays sealed at its first time,
 * with one `case.sealed` audit entry (docs/service-handlers.md).
 */
export const sealCase: JobHandler = async (
  { instance, job }: JobInput,
  { db, dataKey },
): Promise<JobResult> => {
  await sealCaseFile(db, dataKey, {
    instanceId: instance.instanceId,
    jobId: job.jobId,
    elementId: job.elementId,
  });
  return { variables: {} };
};
