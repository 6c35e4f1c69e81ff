import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  COMPLETE_TASK_UPDATE,
  type CompleteTaskArgs,
  workflowIdForInstance,
} from '../../../../libs/contracts/src/process-workflow';
import { UserTaskEntity } from '../../../../libs/persistence/src/entities';
import { taskVisible } from '../../../../libs/persistence/src/org-scope';
import { AccessLog } from '../access-log/access-log.service';
import type { CurrentUser } from '../auth/current-user';
import { paginate } from '../common/pagination';
import { InstancesService } from '../instances/instances.service';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { ListTasksQuery } from './tasks.dto';

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly instances: InstancesService,
    private readonly accessLog: AccessLog,
  ) {}

  async list(user: CurrentUser, query: ListTasksQuery) {
    const qb = this.db
      .getRepository(UserTaskEntity)
      .createQueryBuilder('t')
      .where(taskVisible('t'), { scopeUserId: user.id });
    if (query.assignee === 'me') qb.andWhere('t.assignee_id = :me', { me: user.id });
    if (query.candidate === 'me') {
      qb.andWhere('EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND c.user_id = :me)', {
        me: user.id,
      });
    }
    if (query.state) qb.andWhere('t.state = :state', { state: query.state });
    if (query.overdue === 'true') qb.andWhere(`t.state = 'open' AND t.due_at < now()`);
    if (query.instanceId) qb.andWhere('t.instance_id = :instanceId', { instanceId: query.instanceId });
    const page = await paginate(qb, 't.created_at', 't.id', query, (t) => t.createdAt);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(user: CurrentUser, id: string) {
    const task = await this.findVisible(user, id);
    const instance = await this.db.query(`SELECT variables FROM process_instance WHERE id = $1`, [
      task.instanceId,
    ]);
    await this.accessLog.record(user.id, 'task.read', 'task', id);
    const [view] = await this.views([task]);
    return {
      ...view,
      form: null,
      variables: (instance[0] as { variables: unknown } | undefined)?.variables ?? {},
    };
  }

  /**
   * Completing needs the caller to be the assignee or, when unassigned, a candidate. The
   * workflow's update validator re-checks that the task is open; the idempotency key becomes the
   * update id, so a retried request is answered from the first one's result.
   */
  async complete(user: CurrentUser, id: string, variables: Record<string, unknown>, idempotencyKey?: string) {
    const task = await this.findVisible(user, id);
    if (task.assigneeId && task.assigneeId !== user.id)
      throw new ConflictException(`Task ${id} is assigned to someone else`);
    if (!task.assigneeId && !(await this.isCandidate(task.id, user.id))) {
      throw new ForbiddenException(`You are not a candidate for task ${id}`);
    }
    if (task.state !== 'open' && !idempotencyKey) throw new ConflictException(`Task ${id} is ${task.state}`);
    const args: CompleteTaskArgs = { taskId: id, variables, actor: { id: user.id, username: user.username } };
    try {
      await this.temporal.client.workflow
        .getHandle(workflowIdForInstance(task.instanceId))
        .executeUpdate(COMPLETE_TASK_UPDATE, {
          args: [args],
          updateId: `complete:${id}:${idempotencyKey ?? randomUUID()}`,
        });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
        throw new ConflictException(
          `Task ${id} cannot be completed: ${(error.cause as Error | undefined)?.message ?? error.message}`,
        );
      }
      throw error;
    }
    await this.accessLog.record(user.id, 'task.complete', 'task', id);
    const [view] = await this.views([await this.findVisible(user, id)]);
    return {
      task: view,
      instance: await this.instances.view(await this.instances.findVisible(user, task.instanceId)),
    };
  }

  async findVisible(user: CurrentUser, id: string): Promise<UserTaskEntity> {
    const task = await this.db
      .getRepository(UserTaskEntity)
      .createQueryBuilder('t')
      .where('t.id = :id', { id })
      .andWhere(taskVisible('t'), { scopeUserId: user.id })
      .getOne();
    if (!task) throw new NotFoundException(`Task ${id} not found`);
    return task;
  }

  private async isCandidate(taskId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM task_candidate WHERE task_id = $1 AND user_id = $2`,
      [taskId, userId],
    );
    return rows.length > 0;
  }

  private async views(tasks: UserTaskEntity[]) {
    const ids = [...new Set(tasks.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])))];
    const names: { id: string; username: string }[] = ids.length
      ? await this.db.query(`SELECT id, username FROM app_user WHERE id = ANY($1)`, [ids])
      : [];
    const usernames = new Map(names.map((n) => [n.id, n.username]));
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
    }));
  }
}
