import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  atOrBelow,
  inScope,
  taskFormSql,
  taskVisible,
  UserTaskEntity,
} from '../../../../libs/persistence/src';
import { type KeysetOrder, type Page, type PageQuery, paginate, paginateBy } from '../common/pagination';

/** Filters of GET /api/tasks (docs/api.md); `me` filters name the caller. */
export interface TaskFilter {
  assignedToMe?: boolean;
  /** Tasks held by this user. */
  assigneeId?: string;
  offeredToMe?: boolean;
  /** Tasks no one holds (with `offeredToMe`: the inbox's "claimable" tab). */
  unassigned?: boolean;
  /** Tasks due today in the case's calendar's timezone (see DUE_TODAY). */
  dueToday?: boolean;
  state?: 'open' | 'completed' | 'cancelled';
  overdue?: boolean;
  instanceId?: string;
  sort?: 'dueAt' | 'priority' | 'createdAt';
  candidateGroup?: string;
  /** Tasks of cases of this process (its BPMN id). */
  definitionKey?: string;
  /** Tasks of this student's cases, among the cases the caller sees. */
  studentId?: string;
  /** `q=`: the text as typed, and the blind index of it read as a full name. */
  search?: { text: string; nameIndex: string };
}

/** The task is offered to the user `:me` (a candidate by name, group or role at the case). */
const OFFERED_TO_ME = 'EXISTS (SELECT 1 FROM task_candidate c WHERE c.task_id = t.id AND c.user_id = :me)';

/**
 * "Due today": the calendar day in the timezone of the calendar the case computes with (the nearest
 * unit at or above the case with its own calendar, docs/calendars.md), Asia/Shanghai where none
 * has one. Only tasks due within 38 hours of now (every timezone's today) look the calendar up.
 * The inbox's tab and its count use this one expression.
 */
const CASE_TIMEZONE = `COALESCE((SELECT tz_c.timezone FROM org_unit_calendar tz_c
    JOIN org_unit tz_u ON tz_u.id = tz_c.org_unit_id
   WHERE ${atOrBelow('t.org_path', 'tz_u.org_path')}
   ORDER BY length(tz_u.org_path) DESC LIMIT 1), 'Asia/Shanghai')`;
const DUE_TODAY = `CASE
    WHEN t.due_at BETWEEN now() - interval '38 hours' AND now() + interval '38 hours'
    THEN (t.due_at AT TIME ZONE ${CASE_TIMEZONE})::date = (now() AT TIME ZONE ${CASE_TIMEZONE})::date
    ELSE false END`;

/** The inbox's tab counts (GET /api/tasks/counts), over open tasks. */
export interface TaskCounts {
  assignedToMe: number;
  claimable: number;
  overdue: number;
  dueToday: number;
  all: number;
}

/** What a task row of the CSV export shows besides the task: nothing sealed (docs/api.md). */
export interface TaskExportContext {
  businessKey: string | null;
  definitionKey: string;
  orgUnitName: string;
  /** Only for tasks of cases the caller sees; null for a peer's own task. */
  studentNo: string | null;
}

/** The orders of `sort=` other than the default newest-first; each pages on (column, id). */
const TASK_ORDERS: Record<'dueAt' | 'priority', KeysetOrder<UserTaskEntity>> = {
  dueAt: { name: 'dueAt', column: 't.due_at', direction: 'ASC', kind: 'timestamp', value: (t) => t.dueAt },
  priority: {
    name: 'priority',
    column: 't.priority',
    direction: 'DESC',
    kind: 'integer',
    value: (t) => t.priority,
  },
};

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

  /** Visible tasks, newest first unless `filter.sort` says otherwise. */
  list(userId: string, filter: TaskFilter, page: PageQuery): Promise<Page<UserTaskEntity>> {
    const qb = this.filtered(userId, filter);
    if (filter.sort === 'dueAt' || filter.sort === 'priority') {
      return paginateBy(qb, TASK_ORDERS[filter.sort], 't.id', page);
    }
    return paginate(qb, 't.created_at', 't.id', page, (t) => t.createdAt);
  }

  /**
   * The inbox's tab counts over the open tasks the list would show with the same filters, in one
   * query (docs/api.md, Inbox counts), with the same conditions as the tabs' list filters.
   */
  async counts(userId: string, filter: TaskFilter): Promise<TaskCounts> {
    const qb = this.filtered(userId, {
      ...filter,
      state: 'open',
      assignedToMe: false,
      offeredToMe: false,
      unassigned: false,
      dueToday: false,
    });
    const row = await qb
      .select('count(*)::int', 'all')
      .addSelect('(count(*) FILTER (WHERE t.assignee_id = :me))::int', 'assignedToMe')
      .addSelect(`(count(*) FILTER (WHERE t.assignee_id IS NULL AND ${OFFERED_TO_ME}))::int`, 'claimable')
      .addSelect('(count(*) FILTER (WHERE t.due_at < now()))::int', 'overdue')
      .addSelect(`(count(*) FILTER (WHERE ${DUE_TODAY}))::int`, 'dueToday')
      .setParameter('me', userId)
      .getRawOne<TaskCounts>();
    return {
      assignedToMe: row?.assignedToMe ?? 0,
      claimable: row?.claimable ?? 0,
      overdue: row?.overdue ?? 0,
      dueToday: row?.dueToday ?? 0,
      all: row?.all ?? 0,
    };
  }

  /** The visible-rows query narrowed by the filters (not ordered, not paged). */
  private filtered(userId: string, filter: TaskFilter) {
    const qb = this.visible(userId);
    if (filter.assignedToMe) qb.andWhere('t.assignee_id = :me', { me: userId });
    if (filter.assigneeId) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.offeredToMe) qb.andWhere(OFFERED_TO_ME, { me: userId });
    if (filter.unassigned) qb.andWhere('t.assignee_id IS NULL');
    if (filter.dueToday) qb.andWhere(`t.state = 'open' AND ${DUE_TODAY}`);
    if (filter.state) qb.andWhere('t.state = :state', { state: filter.state });
    if (filter.overdue) qb.andWhere(`t.state = 'open' AND t.due_at < now()`);
    if (filter.instanceId) qb.andWhere('t.instance_id = :instanceId', { instanceId: filter.instanceId });
    if (filter.candidateGroup) {
      qb.andWhere('t.candidate_groups @> ARRAY[CAST(:candidateGroup AS text)]', {
        candidateGroup: filter.candidateGroup,
      });
    }
    if (filter.definitionKey) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM process_instance di WHERE di.id = t.instance_id AND di.definition_key = :definitionKey)',
        { definitionKey: filter.definitionKey },
      );
    }
    if (filter.studentId) {
      // Only among the cases the caller sees: a peer learns nothing of whose case their task is.
      qb.andWhere(
        `${inScope('t.org_path')} AND EXISTS (SELECT 1 FROM process_instance si
           WHERE si.id = t.instance_id AND si.student_id = :studentId)`,
        { studentId: filter.studentId },
      );
    }
    if (filter.search) {
      // The student is matched only on tasks of cases the caller sees: a peer who holds a task
      // but not its case learns nothing about whose case it is by searching. The students are
      // found first, by their own indexes (number prefix, name index), then their cases.
      qb.andWhere(
        `(t.name ILIKE :qContains
          OR (${inScope('t.org_path')} AND t.instance_id IN (
                SELECT qi.id FROM student qs JOIN process_instance qi ON qi.student_id = qs.id
                 WHERE lower(qs.student_no) LIKE :qPrefix OR qs.name_index = :qNameIndex)))`,
        {
          qContains: `%${likeEscaped(filter.search.text)}%`,
          qPrefix: `${likeEscaped(filter.search.text.toLowerCase())}%`,
          qNameIndex: filter.search.nameIndex,
        },
      );
    }
    return qb;
  }

  /**
   * The case-level columns of the CSV export for tasks already found visible: the case's process and
   * unit name, and the case's key and the student's number where the caller sees the case.
   */
  async exportContext(userId: string, taskIds: string[]): Promise<Map<string, TaskExportContext>> {
    if (taskIds.length === 0) return new Map();
    const rows: (TaskExportContext & { id: string })[] = await this.db
      .createQueryBuilder()
      .select('t.id', 'id')
      // A case key holds the student's number: blank, as the number, for a caller who holds the
      // task but does not see its case (a peer monitor), as the JSON list leaves it out.
      .addSelect(`CASE WHEN ${inScope('i.org_path')} THEN i.business_key END`, 'businessKey')
      .addSelect('i.definition_key', 'definitionKey')
      .addSelect('u.name', 'orgUnitName')
      .addSelect(`CASE WHEN ${inScope('i.org_path')} THEN s.student_no END`, 'studentNo')
      .from('user_task', 't')
      .innerJoin('process_instance', 'i', 'i.id = t.instance_id')
      .innerJoin('org_unit', 'u', 'u.id = i.org_unit_id')
      .leftJoin('student', 's', 's.id = i.student_id')
      .where('t.id = ANY(:taskIds)', { taskIds })
      .setParameter('scopeUserId', userId)
      .getRawMany();
    return new Map(rows.map(({ id, ...context }) => [id, context]));
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

/** `text` matched literally by LIKE: its %, _ and backslashes escaped (backslash is LIKE's escape). */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
