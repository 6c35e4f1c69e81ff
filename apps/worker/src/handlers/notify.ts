import { ApplicationFailure } from '@temporalio/common';
import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import { isNoticeAudience, isRole } from '../../../../libs/domain/src';
import {
  careGroupOf,
  elementName,
  GUARDIAN_NOTICE_TEXT,
  guardiansOf,
  queueSms,
  recordNotifications,
  refusedUsersMessage,
  resolveCandidates,
  usersOnLine,
} from '../../../../libs/persistence/src';
import { headerList, jobKey } from './header-lists';
import type { HandlerDeps, JobHandler } from './job-handler';

/** What a notification says when neither the diagram nor the element gives a title. */
export const DEFAULT_NOTIFICATION_TITLE = '有新的个案工作待处理';

const MAX_TITLE_LENGTH = 200;

/**
 * `notify`: tells people that a case has work for them, never what it is about (R10). Headers
 * (zeebe:taskHeaders):
 * - `recipients`: comma-separated role names, resolved like candidate groups at the case's org
 *   path (the holders at the nearest unit upwards), and any of the audiences:
 *   `careGroup` (the members `assign-care-group` recorded for the case or its family),
 *   `caseStarter` (who started the case), each notified in-app while on the case's line; and
 *   `guardian` (the student's guardians: one SMS each through the outbox, with the fixed text
 *   GUARDIAN_NOTICE_TEXT);
 * - `users`: comma-separated usernames, each an enabled user on the case's line (org-scope.ts);
 *   any other name is an incident, never a notice;
 * - `title` (optional): fixed text of the in-app notice; otherwise the element's name, otherwise
 *   a generic line. Guardians never get it: their text is fixed.
 *
 * One row per recipient, keyed by the job, so a retried job inserts nothing twice.
 */
export const notify: JobHandler = async (input: JobInput, deps: HandlerDeps): Promise<JobResult> => {
  const { instance, job } = input;
  const { db } = deps;
  const names = headerList(job.headers.recipients);
  const usernames = headerList(job.headers.users);
  if (names.length === 0 && usernames.length === 0) {
    throw misconfigured(
      job.elementId,
      'give the task header "recipients" (role names) or "users" (usernames)',
    );
  }
  const unknown = names.filter((name) => !isRole(name) && !isNoticeAudience(name));
  if (unknown.length > 0) {
    throw misconfigured(job.elementId, `unknown role(s) in "recipients": ${unknown.join(', ')}`);
  }
  const roles = names.filter(isRole);
  const audiences = new Set(names.filter(isNoticeAudience));

  const { userIds, refused } = await resolveCandidates(db.manager, instance.orgPath, roles, usernames);
  if (refused.length > 0) {
    // Even a content-free notice tells its reader that a case exists: never across the line.
    throw misconfigured(job.elementId, refusedUsersMessage('users', refused, instance.orgPath));
  }
  const recipientIds = new Set(userIds);
  if (audiences.has('careGroup')) {
    for (const id of await careGroupOf(db.manager, instance.instanceId, instance.orgPath))
      recipientIds.add(id);
  }
  if (audiences.has('caseStarter') && instance.startedBy) {
    const starter = await usersOnLine(db.manager, instance.orgPath, [instance.startedBy.username]);
    for (const id of starter.userIds) recipientIds.add(id);
  }
  const guardians = audiences.has('guardian') ? await guardiansToText(input, deps) : null;
  if (guardians && guardians.phones.length === 0) {
    // Retryable: a contact may be recorded meanwhile. The student is not named: the element is.
    throw new Error(
      `notify at ${job.elementId}: the case's student has no guardian contact to send a notice to; record one on the student, then retry`,
    );
  }
  if (recipientIds.size === 0 && !guardians) {
    // Retryable: someone may be given the role meanwhile. Past the retries the case raises an
    // incident, which is what should happen when a crisis notice would reach nobody.
    throw new Error(
      `notify at ${job.elementId}: nobody to notify at ${instance.orgPath} (recipients: ${names.join(', ') || 'none'}; users: ${usernames.join(', ') || 'none'})`,
    );
  }

  const key = jobKey(instance.instanceId, job.jobId);
  if (guardians) {
    await queueSms(
      db.manager,
      guardians.dataKey,
      { instanceId: instance.instanceId, orgPath: instance.orgPath, body: GUARDIAN_NOTICE_TEXT },
      guardians.phones.map((phone, index) => ({
        recipient: phone,
        idempotencyKey: `${key}:guardian:${index}`,
      })),
    );
  }
  if (recipientIds.size > 0) {
    const title =
      job.headers.title?.trim() ||
      (await elementName(db.manager, instance.definitionId, job.elementId))?.trim() ||
      DEFAULT_NOTIFICATION_TITLE;
    await recordNotifications(db.manager, {
      recipientIds: [...recipientIds],
      instanceId: instance.instanceId,
      taskId: null,
      kind: 'notify',
      orgPath: instance.orgPath,
      title: title.slice(0, MAX_TITLE_LENGTH),
      idempotencyKey: key,
    });
  }
  return { variables: {} };
};

/**
 * The phone numbers of the case's student's guardians, in the order they were recorded, and the
 * key that seals them in the outbox.
 */
async function guardiansToText(
  { instance, job }: JobInput,
  { db, dataKey }: HandlerDeps,
): Promise<{ phones: string[]; dataKey: Buffer }> {
  if (!instance.studentId) {
    throw misconfigured(
      job.elementId,
      'the recipient "guardian" needs a case about a student; this case has none',
    );
  }
  if (!dataKey) {
    throw misconfigured(job.elementId, 'this worker has no data key to read guardian contacts with');
  }
  const guardians = await guardiansOf(db.manager, dataKey, instance.studentId);
  return { phones: guardians.map((guardian) => guardian.phone), dataKey };
}

function misconfigured(elementId: string, problem: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'JobMisconfigured',
    nonRetryable: true,
    message: `notify at ${elementId}: ${problem}`,
  });
}
