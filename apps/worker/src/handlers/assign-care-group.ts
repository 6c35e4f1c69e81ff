import { ApplicationFailure } from '@temporalio/common';
import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import {
  ASSIGNABLE_ROLES,
  CARE_GROUP_OPTIONAL_ROLES,
  CARE_GROUP_REQUIRED_ROLES,
} from '../../../../libs/domain/src';
import {
  type CareGroupMember,
  elementName,
  nearestRoleHolders,
  recordCareGroup,
  recordNotifications,
} from '../../../../libs/persistence/src';
import { headerList, jobKey } from './header-lists';
import type { JobHandler } from './job-handler';

/** What the members' notice says when neither the diagram nor the element gives a title. */
export const CARE_GROUP_NOTICE_TITLE = '您已加入一个关爱小组，请留意相关待办';

const MAX_TITLE_LENGTH = 200;

/**
 * `assign-care-group` (R7, 关爱小组): records who follows a student returning to school, from
 * the holders of roles at the case's unit or the nearest unit above (candidate-group rule, so
 * only people on the case's line), notifies them in-app and returns `careGroup`: their
 * usernames. Headers (without either: classTeacher,psychTeacher required, peerMonitor optional):
 * - `roles`: comma-separated roles that must be in the group, one at least; nobody holding one
 *   is retried, then an incident;
 * - `optionalRoles`: roles added when someone holds them;
 * - `title` (optional): the notice's fixed text; otherwise the element's name.
 * Rows and notices are keyed by the job: a retried job records and notifies nothing twice.
 */
export const assignCareGroup: JobHandler = async (
  { instance, job }: JobInput,
  { db },
): Promise<JobResult> => {
  // The defaults apply to a task with neither header (drawn by hand). Once either is written
  // (the template writes both), they say it all: clearing optionalRoles leaves no optional role.
  const configured = job.headers.roles !== undefined || job.headers.optionalRoles !== undefined;
  const required = configured ? headerList(job.headers.roles) : [...CARE_GROUP_REQUIRED_ROLES];
  const optional = configured ? headerList(job.headers.optionalRoles) : [...CARE_GROUP_OPTIONAL_ROLES];
  if (required.length === 0) {
    // A group nobody must be in would form empty and pass silently.
    throw misconfigured(
      job.elementId,
      'the task header "roles" must name at least one role (comma-separated)',
    );
  }
  const unknown = [...required, ...optional].filter(
    (role) => !(ASSIGNABLE_ROLES as readonly string[]).includes(role),
  );
  if (unknown.length > 0) {
    throw misconfigured(
      job.elementId,
      `unknown role(s) in "roles" or "optionalRoles": ${unknown.join(', ')}`,
    );
  }

  const members: CareGroupMember[] = [];
  const missing: string[] = [];
  for (const role of new Set([...required, ...optional])) {
    const holders = await nearestRoleHolders(db.manager, instance.orgPath, role);
    if (holders.length === 0 && required.includes(role)) missing.push(role);
    members.push(...holders);
  }
  if (missing.length > 0) {
    // Retryable: the role may be given meanwhile; past the retries the case raises an incident.
    throw new Error(
      `assign-care-group at ${job.elementId}: nobody holds ${missing.join(', ')} at ${instance.orgPath} or any unit above it`,
    );
  }

  const key = jobKey(instance.instanceId, job.jobId);
  await recordCareGroup(db.manager, instance.instanceId, key, members);
  const title =
    job.headers.title?.trim() ||
    (await elementName(db.manager, instance.definitionId, job.elementId))?.trim() ||
    CARE_GROUP_NOTICE_TITLE;
  await recordNotifications(db.manager, {
    recipientIds: [...new Set(members.map((member) => member.userId))],
    instanceId: instance.instanceId,
    taskId: null,
    kind: 'care-group',
    orgPath: instance.orgPath,
    title: title.slice(0, MAX_TITLE_LENGTH),
    idempotencyKey: key,
  });
  return { variables: { careGroup: [...new Set(members.map((member) => member.username))].sort() } };
};

function misconfigured(elementId: string, problem: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'JobMisconfigured',
    nonRetryable: true,
    message: `assign-care-group at ${elementId}: ${problem}`,
  });
}
