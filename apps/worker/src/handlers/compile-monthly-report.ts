import { ApplicationFailure } from '@temporalio/common';
import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import {
  isReportMonth,
  monthlyReportCounts,
  monthlyReportOfJob,
  previousReportMonth,
  storeMonthlyReport,
} from '../../../../libs/persistence/src';
import { jobKey } from './header-lists';
import type { JobHandler } from './job-handler';

/**
 * `compile-monthly-report` (R9, 月报): counts the cases and work of the case's org unit (a
 * school: the `monthly-report` case lives there) and everything below it, for one month, from
 * the projections (libs/persistence/src/monthly-reports.ts), stores the report and returns
 * `reportId`, `reportMonth` and `reportCounts`: aggregate counts, never a name.
 *
 * The month is the variable `month` (YYYY-MM) when the case has one, else the month before the
 * job was first scheduled, in Asia/Shanghai: a case its timer starts on the 1st reports the
 * month just ended, and a retry on a later day reports the same month. A job run again answers
 * the report it stored (the same id, month and counts).
 */
export const compileMonthlyReport: JobHandler = async (
  { instance, job }: JobInput,
  { db, jobTime },
): Promise<JobResult> => {
  const given = job.variables.month;
  if (given !== undefined && given !== null && given !== '' && !isReportMonth(given)) {
    // Case data no retry changes; the value itself is not repeated in the incident.
    throw ApplicationFailure.create({
      type: 'JobMisconfigured',
      nonRetryable: true,
      message: `compile-monthly-report at ${job.elementId}: the variable "month" must be a month as YYYY-MM (e.g. 2026-03) or empty`,
    });
  }
  const key = jobKey(instance.instanceId, job.jobId);
  const stored = await monthlyReportOfJob(db.manager, key);
  if (stored) return result(stored.reportId, stored.month, stored.counts);

  const month = isReportMonth(given) ? given : previousReportMonth(jobTime ?? new Date());
  const counts = await monthlyReportCounts(db.manager, instance.orgPath, month);
  const reportId = await storeMonthlyReport(db.manager, {
    orgUnitId: instance.orgUnitId,
    orgPath: instance.orgPath,
    month,
    instanceId: instance.instanceId,
    jobKey: key,
    counts,
  });
  return result(reportId, month, counts);
};

function result(reportId: string, month: string, counts: object): JobResult {
  return { variables: { reportId, reportMonth: month, reportCounts: { ...counts } } };
}
