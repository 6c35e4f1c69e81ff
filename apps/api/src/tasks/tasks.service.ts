import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  type StreamableFile,
} from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import {
  type Actor,
  ASSIGN_TASK_UPDATE,
  type AssignTaskArgs,
  CLAIM_TASK_UPDATE,
  type ClaimTaskArgs,
  COMPLETE_TASK_UPDATE,
  type CompleteTaskArgs,
  type TaskAssignmentResult,
  UNCLAIM_TASK_UPDATE,
} from '../../../../libs/contracts/src';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { restrictedTaskView, SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import { type FormSchema, submissionSummary, validateSubmission } from '../../../../libs/forms/src';
import { studentNameIndex, type UserTaskEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CaseContext, CaseContexts } from '../case-file/case-context';
import { type CaseOpener, CaseFiles } from '../case-file/case-file.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { CSV_EXPORT_LIMIT, csvFile, csvText } from '../common/csv';
import { ProblemException } from '../common/problem.filter';
import type { RequestLanguage } from '../common/language';
import { checkCaseVariables } from '../common/variable-limits';
import { InstancesRepository } from '../instances/instances.repository';
import { InstancesService } from '../instances/instances.service';
import { CaseUpdates } from '../temporal/case-updates.service';
import { UsersRepository } from '../users/users.repository';
import type { ListTasksQuery, TaskCountsQuery } from './tasks.dto';
import { type TaskContext, type TaskCounts, type TaskFilter, TasksRepository } from './tasks.repository';

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly users: UsersRepository,
    private readonly cases: InstancesRepository,
    private readonly updates: CaseUpdates,
    private readonly instances: InstancesService,
    private readonly accessLog: AccessLog,
    private readonly caseFiles: CaseFiles,
    private readonly caseContexts: CaseContexts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: CurrentUser, query: ListTasksQuery) {
    const page = await this.tasks.list(user.id, this.filterOf(query), query);
    return { items: await this.views(user, page.items), nextCursor: page.nextCursor };
  }

  /**
   * The inbox's tab counts over the open tasks the caller sees, narrowed by the list's case
   * filters (process, student, instance, candidate group, q) so that they match what it shows.
   */
  counts(user: CurrentUser, query: TaskCountsQuery): Promise<TaskCounts> {
    const filter = this.filterOf(query);
    return this.tasks.counts(user.id, {
      instanceId: filter.instanceId,
      candidateGroup: filter.candidateGroup,
      definitionKey: filter.definitionKey,
      studentId: filter.studentId,
      search: filter.search,
    });
  }

  /**
   * The same filtered, scoped list as CSV (docs/api.md): the first CSV_EXPORT_LIMIT rows from the
   * cursor on, in the list's order; nothing sealed is opened, and no code path is shown.
   */
  async exportCsv(
    user: CurrentUser,
    query: ListTasksQuery,
  ): Promise<{ file: StreamableFile; truncated: boolean }> {
    const page = await this.tasks.list(user.id, this.filterOf(query), {
      cursor: query.cursor,
      limit: CSV_EXPORT_LIMIT,
    });
    const [views, context] = await Promise.all([
      this.views(user, page.items),
      this.tasks.exportContext(
        user.id,
        page.items.map((t) => t.id),
      ),
    ]);
    const rows = views.map((t) => {
      const c = context.get(t.id);
      return [
        t.id,
        t.name,
        t.elementId,
        t.state,
        t.assignee,
        t.candidateGroups.join(' '),
        t.dueAt,
        t.priority,
        t.createdAt,
        t.instanceId,
        c?.businessKey,
        c?.definitionKey,
        c?.orgUnitName,
        c?.studentNo,
      ];
    });
    const text = csvText(TASK_CSV_HEADER, rows);
    const truncated = page.nextCursor !== null;
    // A bulk read of case data: recorded, with the filters' names only (q may hold a name).
    // The cases' ids go with it, so each case's reads list shows the export.
    await this.accessLog.record(user.id, 'task.export', 'task', null, {
      instances: [...new Set(page.items.map((t) => t.instanceId))],
      rows: rows.length,
      truncated,
      filters: Object.keys(query)
        .filter((name) => query[name as keyof typeof query] !== undefined)
        .sort(),
    });
    return { file: csvFile('tasks', text), truncated };
  }

  private filterOf(query: ListTasksQuery | TaskCountsQuery): TaskFilter {
    const list: Partial<ListTasksQuery> = query;
    return {
      assignedToMe: list.assignee === 'me',
      assigneeId: list.assigneeId,
      offeredToMe: list.candidate === 'me',
      unassigned: list.assignee === 'none',
      dueToday: list.dueToday === 'true',
      state: list.state,
      overdue: list.overdue === 'true',
      instanceId: query.instanceId,
      sort: list.sort,
      candidateGroup: query.candidateGroup,
      definitionKey: query.definitionKey,
      studentId: query.studentId,
      search:
        query.q !== undefined && query.q.trim() !== ''
          ? { text: query.q.trim(), nameIndex: studentNameIndex(this.config.dataKey, query.q) }
          : undefined,
    };
  }

  /**
   * A task with its form and the variables it may show the caller: staff who see the case see
   * the case's variables (its own scopes' win over the process's, docs/api.md); anyone else (a peer
   * monitor, a candidate with no case-viewing role above the case) sees only what the form and
   * the input mappings give the task, frozen when it closed (docs/adr/0003).
   */
  async get(user: CurrentUser, id: string, reason?: string, language: RequestLanguage = 'en') {
    const task = await this.findVisible(user, id);
    const file = await this.cases.fileState(task.instanceId);
    await this.caseFiles.admitRead(
      user,
      file,
      { resourceType: 'task', resourceId: id, what: 'task' },
      reason,
      language,
    );
    const row = await this.tasks.contextOf(task.id);
    const seesCase = await this.tasks.seesCasesAt(user.id, task.orgPath);
    // The case's id goes with every task read, so the case's reads list finds it.
    await this.accessLog.record(user.id, 'task.read', 'task', id, {
      instanceId: task.instanceId,
      ...(seesCase ? {} : { view: 'task-only' }),
    });
    const view = await this.view(user, task, { openSealed: true });
    // Opened after the scope checks, and only what this caller's view holds (a peer: the task's).
    const variables = file.purgedAt
      ? null
      : openedVariables(visibleVariables(task, row, seesCase), await this.caseFiles.opener(task.instanceId));
    return { ...view, form: row?.form ?? null, variables, purgedAt: file.purgedAt?.toISOString() ?? null };
  }

  /**
   * Completing needs the caller to be the assignee or, when unassigned, a candidate. The
   * workflow's update validator re-checks that the task is open; the idempotency key becomes the
   * update id, so a retried request is answered from the first one's result.
   */
  async complete(
    user: CurrentUser,
    id: string,
    sent: Record<string, unknown>,
    idempotencyKey?: string,
    language: RequestLanguage = 'en',
  ) {
    const task = await this.findVisible(user, id);
    if (task.assigneeId && task.assigneeId !== user.id)
      throw new ConflictException(`Task ${id} is assigned to someone else`);
    if (!task.assigneeId && !(await this.tasks.isCandidate(task.id, user.id))) {
      throw new ForbiddenException(`You are not a candidate for task ${id}`);
    }
    if (task.state !== 'open' && !idempotencyKey) throw new ConflictException(`Task ${id} is ${task.state}`);
    // A sealed file takes no completion; a completion sent again (Idempotency-Key) for a task it
    // already closed still learns its outcome, even if that closure led to the seal.
    if (task.state === 'open')
      this.caseFiles.assertWritable(await this.cases.fileState(task.instanceId), language);
    const seesCase = await this.tasks.seesCasesAt(user.id, task.orgPath);
    const variables = await this.checkedAgainstForm(task, seesCase, sent, language);
    await checkCaseVariables(this.cases, task.instanceId, variables);
    // The form's sensitive fields are sealed with the case key before Temporal sees them.
    const sealed = await this.caseFiles.sealInbound(task.instanceId, variables);
    const args: CompleteTaskArgs = { taskId: id, variables: sealed, actor: actorOf(user) };
    await this.updates.execute(task.instanceId, COMPLETE_TASK_UPDATE, [args], {
      refusal: `Task ${id} cannot be completed`,
      unanswered: `the completion of task ${id} may still be applied when the case runs again: ${
        idempotencyKey
          ? 'send it again with the same Idempotency-Key to learn its outcome'
          : 'check the task before completing it again'
      }`,
      updateId: `complete:${id}:${idempotencyKey ?? randomUUID()}`,
    });
    await this.accessLog.record(user.id, 'task.complete', 'task', id, { instanceId: task.instanceId });
    // The answer holds what the caller may see: a peer gets their task, not the case.
    return {
      task: await this.view(user, await this.findVisible(user, id)),
      instance: seesCase
        ? await this.instances.view(user, await this.instances.findVisible(user, task.instanceId))
        : null,
    };
  }

  /**
   * The completion's data as the task's form lets it through (docs/forms.md): 400 naming each
   * field it refuses, in the caller's language, before anything is sent to the case; the case
   * receives only the form's visible fields. A task without a form takes the data as sent.
   */
  private async checkedAgainstForm(
    task: UserTaskEntity,
    seesCase: boolean,
    sent: Record<string, unknown>,
    language: RequestLanguage,
  ): Promise<Record<string, unknown>> {
    const row = await this.tasks.contextOf(task.id);
    const form = row?.form;
    if (!isFormSchema(form)) return sent;
    // Conditions and options read the case's values in the clear, as the caller sees them.
    const context = openedVariables(
      visibleVariables(task, row, seesCase),
      await this.caseFiles.opener(task.instanceId),
    );
    const { data, errors } = validateSubmission(form, sent, { language, context });
    if (errors.length === 0) return data;
    throw new ProblemException(
      400,
      submissionSummary(errors, language),
      errors.map(({ path, code, message }) => ({ path, code, message })),
    );
  }

  /** A candidate takes an open task: it becomes theirs alone. Claiming one's own task is a no-op. */
  async claim(user: CurrentUser, id: string) {
    const task = await this.findOpen(user, id);
    if (task.assigneeId === user.id) return this.view(user, task);
    if (task.assigneeId) throw new ConflictException(`Task ${id} is claimed by someone else`);
    if (!(await this.tasks.isCandidate(task.id, user.id))) {
      throw new ForbiddenException(`You are not a candidate for task ${id}`);
    }
    const args: ClaimTaskArgs = { taskId: id, actor: actorOf(user) };
    await this.changeAssignment(task, CLAIM_TASK_UPDATE, args, `Task ${id} cannot be claimed`);
    await this.accessLog.record(user.id, 'task.claim', 'task', id, { instanceId: task.instanceId });
    return this.view(user, await this.findVisible(user, id));
  }

  /** Gives a claimed task back to its candidates: its assignee or a supervisor of the case may. */
  async unclaim(user: CurrentUser, id: string) {
    const task = await this.findOpen(user, id);
    if (!task.assigneeId) return this.view(user, task);
    if (task.assigneeId !== user.id && !hasRoleAt(user, SUPERVISOR_ROLES, task.orgPath)) {
      throw new ForbiddenException(`Only the assignee or a supervisor may unclaim task ${id}`);
    }
    const args: ClaimTaskArgs = { taskId: id, actor: actorOf(user) };
    await this.changeAssignment(task, UNCLAIM_TASK_UPDATE, args, `Task ${id} cannot be unclaimed`);
    await this.accessLog.record(user.id, 'task.unclaim', 'task', id, { instanceId: task.instanceId });
    return this.view(user, await this.findVisible(user, id));
  }

  /**
   * A supervisor above the case (re)assigns a task. The new assignee must be an enabled user who
   * may see the task: someone with a case-viewing role above the case, or one of its candidates.
   */
  async assign(user: CurrentUser, id: string, assigneeId: string) {
    const task = await this.findOpen(user, id);
    if (!hasRoleAt(user, SUPERVISOR_ROLES, task.orgPath)) {
      throw new ForbiddenException('Assigning tasks needs a supervising role above the case');
    }
    const assignee = await this.tasks.assignableUser(task.id, assigneeId);
    if (!assignee) {
      throw new ProblemException(
        400,
        `User ${assigneeId} does not exist, is disabled or may not see task ${id}`,
        [{ path: 'userId', message: 'Expected an enabled user who may see this task' }],
      );
    }
    if (task.assigneeId !== assignee.id) {
      const args: AssignTaskArgs = { taskId: id, assignee: assignee.username, actor: actorOf(user) };
      await this.changeAssignment(task, ASSIGN_TASK_UPDATE, args, `Task ${id} cannot be assigned`);
    }
    await this.accessLog.record(user.id, 'task.assign', 'task', id, {
      instanceId: task.instanceId,
      assigneeId: assignee.id,
    });
    return this.view(user, await this.findVisible(user, id));
  }

  /** The Update returns once its own step is written, so no `sync` needs to follow it. */
  private async changeAssignment<A extends ClaimTaskArgs | AssignTaskArgs>(
    task: UserTaskEntity,
    update: UpdateDefinition<TaskAssignmentResult, [A]>,
    args: A,
    refusal: string,
  ) {
    await this.updates.execute(task.instanceId, update, [args], {
      refusal,
      unanswered: `the change to task ${task.id}'s assignee may still be applied when the case runs again`,
    });
  }

  private async findOpen(user: CurrentUser, id: string): Promise<UserTaskEntity> {
    const task = await this.findVisible(user, id);
    if (task.state !== 'open') throw new ConflictException(`Task ${id} is ${task.state}`);
    this.caseFiles.assertWritable(await this.cases.fileState(task.instanceId));
    return task;
  }

  async findVisible(user: CurrentUser, id: string): Promise<UserTaskEntity> {
    const task = await this.tasks.findVisible(user.id, id);
    if (!task) throw new NotFoundException(`Task ${id} not found`);
    return task;
  }

  private async view(user: CurrentUser, task: UserTaskEntity, options: { openSealed?: boolean } = {}) {
    const [view] = await this.views(user, [task], options);
    return view!;
  }

  /**
   * Tasks as the caller reads them, each with its case's context and student (docs/api.md,
   * Cases in context): one query for the assignees' names and one for the cases of the whole
   * page, whatever its size.
   */
  private async views(user: CurrentUser, tasks: UserTaskEntity[], options: { openSealed?: boolean } = {}) {
    const [usernames, contexts] = await Promise.all([
      this.users.usernames(tasks.flatMap((t) => (t.assigneeId ? [t.assigneeId] : []))),
      this.caseContexts.of(
        user.id,
        tasks.map((t) => t.instanceId),
        options,
      ),
    ]);
    return tasks.map((t) => ({
      id: t.id,
      instanceId: t.instanceId,
      elementId: t.elementId,
      name: t.name,
      assignee: t.assigneeId ? (usernames.get(t.assigneeId) ?? null) : null,
      candidateGroups: t.candidateGroups,
      candidateUsers: t.candidateUsers,
      dueAt: t.dueAt?.toISOString() ?? null,
      followUpAt: t.followUpAt?.toISOString() ?? null,
      priority: t.priority,
      state: t.state,
      createdAt: t.createdAt.toISOString(),
      formId: t.formId,
      formKey: t.formKey,
      ...caseOf(t, contexts.get(t.instanceId)),
    }));
  }
}

/** The columns of the tasks CSV export, in order. */
const TASK_CSV_HEADER = [
  'id',
  'name',
  'elementId',
  'state',
  'assignee',
  'candidateGroups',
  'dueAt',
  'priority',
  'createdAt',
  'instanceId',
  'businessKey',
  'definitionKey',
  'orgUnit',
  'studentNo',
] as const;

/**
 * The variables a task shows the caller: staff who see the case see the case's variables (its
 * own scopes' win over the process's, docs/api.md); anyone else sees only what the form and the
 * input mappings give the task, frozen when it closed (docs/adr/0003).
 */
function visibleVariables(
  task: UserTaskEntity,
  row: TaskContext | null,
  seesCase: boolean,
): Record<string, unknown> {
  const caseVariables = row?.variables ?? {};
  const localVariables = row?.localVariables ?? {};
  if (seesCase) return { ...caseVariables, ...localVariables };
  if (task.state === 'open') return restrictedTaskView(caseVariables, localVariables, row?.form);
  return task.frozenView ?? {};
}

function openedVariables(variables: Record<string, unknown>, open: CaseOpener): Record<string, unknown> {
  return open.variables(variables) ?? {};
}

function isFormSchema(form: unknown): form is FormSchema {
  return (
    typeof form === 'object' && form !== null && Array.isArray((form as { components?: unknown }).components)
  );
}

/** A task's `instance` and `student` from its case's context (present for every visible task). */
function caseOf(task: UserTaskEntity, context: CaseContext | undefined) {
  if (!context) throw new Error(`Task ${task.id}'s case ${task.instanceId} is missing`);
  const { id, businessKey, definitionKey, definitionName, orgUnitId, orgUnitName, orgPath, student } =
    context;
  return {
    instance: { id, businessKey, definitionKey, definitionName, orgUnitId, orgUnitName, orgPath },
    student,
  };
}

function actorOf(user: CurrentUser): Actor {
  return { id: user.id, username: user.username };
}
