import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import {
  atOrBelow,
  AuditEventEntity,
  caseKeyOf,
  caseReadable,
  createCaseKey,
  openCaseOf,
  StudentEntity,
  studentByCaseKey,
  IncidentEntity,
  inScope,
  ProcessInstanceEntity,
} from '../../../../libs/persistence/src';
import { type Page, type PageQuery, paginate } from '../common/pagination';

/** Filters of GET /api/instances (docs/api.md). */
export interface InstanceFilter {
  /** `incident`: active cases with an open incident; `active`: the other active ones. */
  state?: 'active' | 'completed' | 'cancelled' | 'incident';
  definitionKey?: string;
  /** Cases at this unit or below it. */
  orgUnitId?: string;
  overdue?: boolean;
  stuckDays?: number;
  /** Running cases with a token at this element. */
  elementId?: string;
  /** Cases of this version (with definitionKey). */
  version?: number;
}

/** Overdue open tasks and open incidents per case. */
export interface CaseCounts {
  overdueTasks: Map<string, number>;
  openIncidents: Map<string, number>;
}

/** An open task of a case, as the case page lists them. */
export interface OpenTaskRow {
  id: string;
  elementId: string;
  name: string | null;
  /** A username. */
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
}

export type NewCaseRow = Omit<
  ProcessInstanceEntity,
  'variables' | 'activeElements' | 'lastStep' | 'endedAt' | 'parentId' | 'updatedAt' | 'sealedAt' | 'purgedAt'
>;

/** A case one may read, and how: by scope, or under a break-glass grant (until when). */
export type ReadableCase =
  | { instance: ProcessInstanceEntity; via: 'scope'; grantedUntil: null }
  | { instance: ProcessInstanceEntity; via: 'breakGlass'; grantedUntil: Date | null };

/** A running case with an open incident reads `incident` (docs/api.md). */
const HAS_OPEN_INCIDENT = `EXISTS (SELECT 1 FROM incident x WHERE x.instance_id = i.id AND x.state = 'open')`;

/** The SQL of a case: its process_instance row, and what hangs off it (history, incidents, counts). */
@Injectable()
export class InstancesRepository {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The one visible-rows query: cases at or below a unit where the user holds a case-viewing role. */
  private visible(userId: string) {
    return this.db
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('i')
      .where(inScope('i.org_path'), { scopeUserId: userId });
  }

  findVisible(userId: string, id: string): Promise<ProcessInstanceEntity | null> {
    return this.visible(userId).andWhere('i.id = :id', { id }).getOne();
  }

  /**
   * The reads of one case file: in scope, or under an unexpired break-glass grant
   * (`caseReadable`, in SQL). Says which, and until when a grant lasts. Never for lists or writes.
   */
  async findReadable(userId: string, id: string): Promise<ReadableCase | null> {
    const { entities, raw } = await this.db
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('i')
      .addSelect(inScope('i.org_path'), 'in_scope')
      .addSelect(
        `(SELECT max(g.expires_at) FROM break_glass_grant g
           WHERE g.instance_id = i.id AND g.user_id = :scopeUserId AND g.expires_at > now())`,
        'granted_until',
      )
      .where(caseReadable('i.org_path', 'i.id'), { scopeUserId: userId })
      .andWhere('i.id = :id', { id })
      .getRawAndEntities<{ in_scope: boolean; granted_until: Date | null }>();
    const instance = entities[0];
    const row = raw[0];
    if (!instance || !row) return null;
    return row.in_scope
      ? { instance, via: 'scope', grantedUntil: null }
      : { instance, via: 'breakGlass', grantedUntil: row.granted_until };
  }

  /** The case's active legal hold: since when, placed by whom. */
  async legalHoldOf(
    instanceId: string,
  ): Promise<{ since: string; by: { id: string; displayName: string } } | null> {
    const rows: { placed_at: Date; placed_by: string; display_name: string }[] = await this.db.query(
      `SELECT h.placed_at, h.placed_by, u.display_name FROM legal_hold h JOIN app_user u ON u.id = h.placed_by
        WHERE h.instance_id = $1 AND h.released_at IS NULL`,
      [instanceId],
    );
    const row = rows[0];
    return row
      ? { since: row.placed_at.toISOString(), by: { id: row.placed_by, displayName: row.display_name } }
      : null;
  }

  /** Visible cases, newest first. */
  list(userId: string, filter: InstanceFilter, page: PageQuery): Promise<Page<ProcessInstanceEntity>> {
    const qb = this.visible(userId);
    if (filter.state === 'incident') qb.andWhere(`i.state = 'active' AND ${HAS_OPEN_INCIDENT}`);
    else if (filter.state === 'active') qb.andWhere(`i.state = 'active' AND NOT ${HAS_OPEN_INCIDENT}`);
    else if (filter.state) qb.andWhere('i.state = :state', { state: filter.state });
    if (filter.definitionKey) qb.andWhere('i.definition_key = :key', { key: filter.definitionKey });
    if (filter.orgUnitId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM org_unit f WHERE f.id = :orgUnitId AND ${atOrBelow('i.org_path', 'f.org_path')})`,
        { orgUnitId: filter.orgUnitId },
      );
    }
    if (filter.overdue) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM user_task t WHERE t.instance_id = i.id AND t.state = 'open' AND t.due_at < now())`,
      );
    }
    if (filter.stuckDays) {
      qb.andWhere(`i.state = 'active' AND i.updated_at < now() - make_interval(days => :stuckDays)`, {
        stuckDays: filter.stuckDays,
      });
    }
    if (filter.elementId) {
      qb.andWhere(
        `i.state = 'active' AND i.active_elements @> jsonb_build_array(jsonb_build_object('elementId', CAST(:elementId AS text)))`,
        {
          elementId: filter.elementId,
        },
      );
    }
    if (filter.version) qb.andWhere('i.definition_version = :version', { version: filter.version });
    return paginate(qb, 'i.started_at', 'i.id', page, (i) => i.startedAt);
  }

  /**
   * Running cases (active, including those stopped at an open incident) of each given definition
   * version that the caller sees: counted in SQL from the visible-rows query, so a case outside
   * the caller's scope is never counted (docs/versions.md). Called processes' instances count too.
   */
  async runningByDefinition(userId: string, definitionIds: string[]): Promise<Map<string, number>> {
    if (definitionIds.length === 0) return new Map();
    const rows: { definitionId: string; n: number }[] = await this.visible(userId)
      .select('i.definition_id', 'definitionId')
      .addSelect('count(*)::int', 'n')
      .andWhere(`i.state = 'active'`)
      .andWhere('i.definition_id IN (:...definitionIds)', { definitionIds })
      .groupBy('i.definition_id')
      .getRawMany();
    return new Map(rows.map((row) => [row.definitionId, Number(row.n)]));
  }

  /** Overdue open tasks and open incidents of the given cases (the rows are visible already). */
  async counts(ids: string[]): Promise<CaseCounts> {
    if (ids.length === 0) return { overdueTasks: new Map(), openIncidents: new Map() };
    const [overdue, incidents]: { instance_id: string; n: number }[][] = await Promise.all([
      this.db.query(
        `SELECT instance_id, count(*)::int AS n FROM user_task
         WHERE instance_id = ANY($1) AND state = 'open' AND due_at < now() GROUP BY instance_id`,
        [ids],
      ),
      this.db.query(
        `SELECT instance_id, count(*)::int AS n FROM incident
         WHERE instance_id = ANY($1) AND state = 'open' GROUP BY instance_id`,
        [ids],
      ),
    ]);
    const byCase = (rows: { instance_id: string; n: number }[] = []) =>
      new Map(rows.map((r) => [r.instance_id, r.n]));
    return { overdueTasks: byCase(overdue), openIncidents: byCase(incidents) };
  }

  /** The unit's name and the student's number of the given cases (the rows are visible already). */
  async exportContext(
    ids: string[],
  ): Promise<Map<string, { orgUnitName: string; studentNo: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; orgUnitName: string; studentNo: string | null }[] = await this.db.query(
      `SELECT i.id, u.name AS "orgUnitName", s.student_no AS "studentNo"
         FROM process_instance i
         JOIN org_unit u ON u.id = i.org_unit_id
         LEFT JOIN student s ON s.id = i.student_id
        WHERE i.id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map(({ id, ...context }) => [id, context]));
  }

  /** The open tasks of a case the caller sees (so all its tasks), due soonest first. */
  async openTasks(instanceId: string): Promise<OpenTaskRow[]> {
    const rows: (Omit<OpenTaskRow, 'dueAt'> & { dueAt: Date | null })[] = await this.db.query(
      `SELECT t.id, t.element_id AS "elementId", t.name, u.username AS assignee,
              t.candidate_groups AS "candidateGroups", t.due_at AS "dueAt"
         FROM user_task t LEFT JOIN app_user u ON u.id = t.assignee_id
        WHERE t.instance_id = $1 AND t.state = 'open'
        ORDER BY t.due_at ASC NULLS LAST, t.id`,
      [instanceId],
    );
    return rows.map((row) => ({ ...row, dueAt: row.dueAt?.toISOString() ?? null }));
  }

  /** The open incidents of a case the caller sees, oldest first. */
  openIncidents(instanceId: string): Promise<IncidentEntity[]> {
    return this.db.getRepository(IncidentEntity).find({
      where: { instanceId, state: 'open' },
      order: { createdAt: 'ASC' },
    });
  }

  /** A page of a case's audit chain after `afterSeq`, in order; one row more than `limit` when more follow. */
  history(instanceId: string, afterSeq: number, limit: number): Promise<AuditEventEntity[]> {
    return this.db
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.instance_id = :id AND e.seq > :after', { id: instanceId, after: afterSeq })
      .orderBy('e.seq', 'ASC')
      .take(limit + 1)
      .getMany();
  }

  /** The process-level variables of a case (for the size limits), null when there is no such case. */
  async variablesOf(instanceId: string): Promise<Record<string, unknown> | null> {
    const instance = await this.db
      .getRepository(ProcessInstanceEntity)
      .findOne({ select: { id: true, variables: true }, where: { id: instanceId } });
    return instance?.variables ?? null;
  }

  /** A student's case key (docs/student-cases.md). */
  caseKeyOf(studentId: string): Promise<string | null> {
    return caseKeyOf(this.db.manager, studentId);
  }

  /** The student's open top-level case of a process, if any. */
  openCaseOf(studentId: string, definitionKey: string): Promise<string | null> {
    return openCaseOf(this.db.manager, studentId, definitionKey);
  }

  /** The caller's visible active top-level case of a process with this business key, if any. */
  async visibleOpenCaseByBusinessKey(
    userId: string,
    definitionKey: string,
    businessKey: string,
  ): Promise<string | null> {
    const row = await this.visible(userId)
      .select('i.id', 'id')
      .andWhere(`i.definition_key = :definitionKey AND i.business_key = :businessKey`, {
        definitionKey,
        businessKey,
      })
      .andWhere(`i.state = 'active' AND i.sealed_at IS NULL AND i.parent_id IS NULL`)
      .getRawOne<{ id: string }>();
    return row?.id ?? null;
  }

  /** The student a case key names, when the caller sees the student; else null. */
  async visibleStudentByCaseKey(userId: string, caseKey: string): Promise<string | null> {
    const student = await studentByCaseKey(this.db.manager, caseKey);
    if (!student) return null;
    const visible = await this.db
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      .where(inScope('s.org_path'), { scopeUserId: userId })
      .andWhere('s.id = :id', { id: student.id })
      .getExists();
    return visible ? student.id : null;
  }

  /**
   * Every case of a student the caller sees (children included), oldest first: the cases of the
   * student's file (一生一档).
   */
  visibleOfStudent(userId: string, studentId: string): Promise<ProcessInstanceEntity[]> {
    return this.visible(userId)
      .andWhere('i.student_id = :studentId', { studentId })
      .orderBy('i.started_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .take(500)
      .getMany();
  }

  /**
   * The audit entries of the given cases in time order, from `offset`; one row more than `limit`
   * when more follow. The cases are visible already. (Entries are appended in time, so an offset
   * stays a stable cursor; timestamps are microseconds, which a JSON cursor would round.)
   */
  historyOfCases(instanceIds: string[], offset: number, limit: number): Promise<AuditEventEntity[]> {
    return this.db
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.instance_id IN (:...ids)', { ids: instanceIds })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.instance_id', 'ASC')
      .addOrderBy('e.seq', 'ASC')
      .skip(offset)
      .take(limit + 1)
      .getMany();
  }

  /** Whether a case file is sealed or purged (for reads and writes of its tasks). */
  async fileState(instanceId: string): Promise<{ id: string; sealedAt: Date | null; purgedAt: Date | null }> {
    const row = await this.db
      .getRepository(ProcessInstanceEntity)
      .findOne({ select: { id: true, sealedAt: true, purgedAt: true }, where: { id: instanceId } });
    return { id: instanceId, sealedAt: row?.sealedAt ?? null, purgedAt: row?.purgedAt ?? null };
  }

  /** The row of a new case, written before its workflow starts, with its key (ADR 0020). */
  async insert(row: NewCaseRow): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ProcessInstanceEntity).insert(row);
      await createCaseKey(manager, this.config.dataKey, row.id);
    });
  }

  /** Removes the row of a case whose workflow never ran (no step written), so nothing half-written remains. */
  async deleteUnstarted(id: string): Promise<void> {
    await this.db.getRepository(ProcessInstanceEntity).delete({ id, lastStep: 0 });
  }
}
