import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, taskFormSql, taskVisible, UserTaskEntity } from '../../../../libs/persistence/src';
import { type Page, type PageQuery, paginate } from '../common/pagination';

/** Filters of GET /api/tasks (docs/api.md); `me` filters name the caller. */
export interface TaskFilter {
  assignedToMe?: boolean;
  offeredToMe?: boolean;
  state?: 'open' | 'completed' | 'cancelled';
  overdue?: boolean;
  instanceId?: string;
}

/** What a task shows besides its row: its case's variables, its own, and its form. */
export interface TaskContext {
  variables: Record<string, unknown>;
  localVariables: Record<string, unknown>;
  form: unknown;
}

/** The SQL of the user_task table and its candidates (task_candidate). */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

  /** The one visible-rows query: `taskVisible` (whoever sees the case, and its candidates on the line). */
  private visible(userId: string) {
    return this.db
      .getRepository(UserTaskEntity)
      .createQueryBuilder('t')
      .where(taskVisible('t'), { scopeUserId: userId });
  }

  findVisible(userId: string, id: string): Promise<UserTaskEntity | null> {
    return this.visible(userId).andWhere('t.id = :id', { id }).getOne();
  }

  /** Visible tasks, newest first. */
  list(userId: string, filter: TaskFilter, page: PageQuery): Promise<Page<UserTaskEntity>> {
    const qb = this.visible(userId);
    if (filter.assignedToMe) qb.andWhere('t.assignee_id = :me', { me: userId });
    if (filter.offeredToMe) {
      qb.andWhere('EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND c.user_id = :me)', {
        me: userId,
      });
    }
    if (filter.state) qb.andWhere('t.state = :state', { state: filter.state });
    if (filter.overdue) qb.andWhere(`t.state = 'open' AND t.due_at < now()`);
    if (filter.instanceId) qb.andWhere('t.instance_id = :instanceId', { instanceId: filter.instanceId });
    return paginate(qb, 't.created_at', 't.id', page, (t) => t.createdAt);
  }

  /** The context of a task already found visible. */
  async contextOf(taskId: string): Promise<TaskContext | null> {
    const rows: TaskContext[] = await this.db.query(
      `SELECT i.variables, t.local_variables AS "localVariables", ${taskFormSql('t', 'd')} AS form
         FROM user_task t
         JOIN process_instance i ON i.id = t.instance_id
         JOIN process_definition d ON d.id = i.definition_id
        WHERE t.id = $1`,
      [taskId],
    );
    return rows[0] ?? null;
  }

  /** Whether the user holds a case-viewing role at or above `orgPath` (the scope rule, in SQL). */
  async seesCasesAt(userId: string, orgPath: string): Promise<boolean> {
    const rows: unknown[] = await this.db
      .createQueryBuilder()
      .select('1')
      .from('app_user', 'me')
      .where('me.id = :scopeUserId', { scopeUserId: userId })
      .andWhere(inScope('CAST(:orgPath AS text)'), { orgPath })
      .getRawMany();
    return rows.length > 0;
  }

  /** The user, when enabled and able to see the task (`taskVisible` asked for them). */
  async assignableUser(taskId: string, userId: string): Promise<{ id: string; username: string } | null> {
    const rows: { id: string; username: string }[] = await this.db
      .createQueryBuilder()
      .select(['u.id AS id', 'u.username AS username'])
      .from('app_user', 'u')
      .innerJoin('user_task', 't', 't.id = :taskId', { taskId })
      .where('u.id = :scopeUserId AND NOT u.disabled', { scopeUserId: userId })
      .andWhere(taskVisible('t'))
      .getRawMany();
    return rows[0] ?? null;
  }

  async isCandidate(taskId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM task_candidate WHERE task_id = $1 AND user_id = $2`,
      [taskId, userId],
    );
    return rows.length > 0;
  }
}
