import { ApplicationFailure } from '@temporalio/common';
import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import { isRole } from '../../../../libs/domain/src';
import {
  elementName,
  recordNotifications,
  refusedUsersMessage,
  resolveCandidates,
} from '../../../../libs/persistence/src';
import type { JobHandler } from './job-handler';

/** What a notification says when neither the diagram nor the element gives a title. */
export const DEFAULT_NOTIFICATION_TITLE = '有新的个案工作待处理';

const MAX_TITLE_LENGTH = 200;

/**
 * `notify`: tells people in-app that a case has work for them. Headers (zeebe:taskHeaders):
 * - `recipients`: comma-separated role names, resolved like candidate groups at the case's org
 *   path (the holders at the nearest unit upwards);
 * - `users`: comma-separated usernames, each an enabled user on the case's line (org-scope.ts);
 *   any other name is an incident, never a notice;
 * - `title` (optional): fixed text; otherwise the element's name, otherwise a generic line.
 *
 * The notification carries the title, the case id and where it lives, never the job's variables
 * or anything about the student (minors' mental-health data stays in the case file). One row per
 * recipient, keyed by the job, so a retried job inserts nothing twice.
 */
export const notify: JobHandler = async ({ instance, job }: JobInput, { db }): Promise<JobResult> => {
  const roles = list(job.headers.recipients);
  const usernames = list(job.headers.users);
  if (roles.length === 0 && usernames.length === 0) {
    throw ApplicationFailure.create({
      type: 'JobMisconfigured',
      nonRetryable: true,
      message: `notify at ${job.elementId}: give the task header "recipients" (role names) or "users" (usernames)`,
    });
  }
  const unknownRoles = roles.filter((role) => !isRole(role));
  if (unknownRoles.length > 0) {
    throw ApplicationFailure.create({
      type: 'JobMisconfigured',
      nonRetryable: true,
      message: `notify at ${job.elementId}: unknown role(s) in "recipients": ${unknownRoles.join(', ')}`,
    });
  }
  const { userIds: recipientIds, refused } = await resolveCandidates(
    db.manager,
    instance.orgPath,
    roles,
    usernames,
  );
  if (refused.length > 0) {
    // Even a content-free notice tells its reader that a case exists: never across the line.
    throw ApplicationFailure.create({
      type: 'JobMisconfigured',
      nonRetryable: true,
      message: `notify at ${job.elementId}: ${refusedUsersMessage('users', refused, instance.orgPath)}`,
    });
  }
  if (recipientIds.length === 0) {
    // Retryable: someone may be given the role meanwhile. Past the retries the case raises an
    // incident, which is what should happen when a crisis notice would reach nobody.
    throw new Error(
      `notify at ${job.elementId}: nobody to notify at ${instance.orgPath} (roles: ${roles.join(', ') || 'none'}; users: ${usernames.join(', ') || 'none'})`,
    );
  }
  const title =
    job.headers.title?.trim() ||
    (await elementName(db.manager, instance.definitionId, job.elementId))?.trim() ||
    DEFAULT_NOTIFICATION_TITLE;
  await recordNotifications(db.manager, {
    recipientIds,
    instanceId: instance.instanceId,
    taskId: null,
    kind: 'notify',
    orgPath: instance.orgPath,
    title: title.slice(0, MAX_TITLE_LENGTH),
    idempotencyKey: `job:${instance.instanceId}:${job.jobId}`,
  });
  return { variables: {} };
};

function list(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
