import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type CancelInstanceArgs,
  CANCEL_INSTANCE_UPDATE,
  RUN_PROCESS_WORKFLOW,
  type RunProcessInput,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../../../libs/contracts/src/process-workflow';
import { CASE_VIEWER_ROLES, SUPERVISOR_ROLES } from '../../../../libs/domain/src/roles';
import {
  AuditEventEntity,
  IncidentEntity,
  OrgUnitEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
} from '../../../../libs/persistence/src/entities';
import { atOrBelow, inScope } from '../../../../libs/persistence/src/org-scope';
import { runnableAt } from '../../../../libs/persistence/src/process-definitions';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { paginate } from '../common/pagination';
import { ProblemException } from '../common/problem.filter';
import { checkCaseVariablesSize } from '../common/variable-limits';
import { DefinitionsService } from '../definitions/definitions.service';
import { StudentsService } from '../students/students.service';
import { CaseUpdates } from '../temporal/case-updates.service';
import { noNoneStartEventProblem } from './start-event-needed';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { HistoryQuery, ListInstancesQuery, StartInstanceDto } from './instances.dto';

/** A started case as the caller may see it; `firstStepWritten` false: answered 202. */
export interface StartedCase {
  instance: Awaited<ReturnType<InstancesService['view']>>;
  firstStepWritten: boolean;
}

/** Where a new case lives and what it starts with. */
export type CasePlacement = Pick<StartInstanceDto, 'businessKey' | 'orgUnitId' | 'studentId' | 'variables'>;

@Injectable()
export class InstancesService {
  private readonly logger = new Logger('Instances');

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly definitions: DefinitionsService,
    private readonly students: StudentsService,
    private readonly accessLog: AccessLog,
    private readonly updates: CaseUpdates,
  ) {}

  async start(user: CurrentUser, dto: StartInstanceDto): Promise<StartedCase> {
    const definition = await this.definitions.resolve(dto.definitionKey, dto.version);
    // Only messages and timers start a process without a none start event: say which.
    const problem = noNoneStartEventProblem(definition.model);
    if (problem) throw problem;
    return this.startDefinition(user, definition, dto);
  }

  /**
   * Starts a case of `definition` at the unit or student `dto` names. `startEventId` picks a
   * message or timer start event instead of the none start event (POST /api/messages).
   * Waits (at most CASE_UPDATE_TIMEOUT_MS) until the first step is written, so the caller reads
   * its own writes; a case whose workflow started but did not answer in time is returned with
   * `firstStepWritten: false` (202): it goes on once its worker runs it.
   */
  async startDefinition(
    user: CurrentUser,
    definition: ProcessDefinitionEntity,
    dto: CasePlacement,
    startEventId?: string,
  ): Promise<StartedCase> {
    checkCaseVariablesSize({}, dto.variables ?? {});
    const { unit, studentId } = await this.placeCase(user, dto);
    await this.mayRunAt(definition, unit);
    const instanceId = randomUUID();
    const workflowId = workflowIdForInstance(instanceId);
    const input: RunProcessInput = {
      instance: {
        instanceId,
        definitionId: definition.id,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        businessKey: dto.businessKey ?? null,
        orgUnitId: unit.id,
        orgPath: unit.orgPath,
        studentId,
        startedBy: { id: user.id, username: user.username },
      },
      model: definition.model,
      variables: dto.variables ?? {},
      ...(startEventId ? { startEventId } : {}),
    };
    // Before the row is written: with Temporal unreachable this is a 503 and nothing remains.
    const client = this.temporal.client;
    await this.db.getRepository(ProcessInstanceEntity).insert({
      id: instanceId,
      definitionId: definition.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey: input.instance.businessKey,
      orgUnitId: unit.id,
      orgPath: unit.orgPath,
      studentId,
      state: 'active',
      workflowId,
      startedBy: user.id,
      startedAt: new Date(),
    });
    let firstStepWritten = false;
    let failure: string | undefined;
    try {
      const answer = await this.temporal.answerWithin(async () => {
        const handle = await client.workflow.start(RUN_PROCESS_WORKFLOW, {
          workflowId,
          taskQueue: this.temporal.taskQueue,
          args: [input],
        });
        await handle.executeUpdate(SYNC_UPDATE, { args: [] });
      });
      firstStepWritten = answer.answered;
    } catch (error) {
      failure = (error as Error).message;
    }
    if (!firstStepWritten) {
      await this.unlessStarted(
        instanceId,
        failure === undefined
          ? `Temporal did not answer within ${this.temporal.answerTimeoutMs / 1000} s: the case was not started`
          : `The case could not be started: ${failure}`,
        failure === undefined ? 504 : 503,
      );
      this.logger.warn(`Case ${instanceId} started but its first step is not written yet ${failure ?? ''}`);
    }
    await this.accessLog.record(user.id, 'instance.start', 'instance', instanceId, {
      definitionKey: definition.key,
    });
    return { instance: await this.view(await this.findVisible(user, instanceId)), firstStepWritten };
  }

  /**
   * After a failed or unanswered start: when the workflow does not exist, nothing ran, so the
   * row is removed (no half-written case remains) and the request fails with `status`.
   */
  private async unlessStarted(instanceId: string, detail: string, status: 503 | 504): Promise<void> {
    const described = await this.temporal
      .answerWithin((client) => client.workflow.getHandle(workflowIdForInstance(instanceId)).describe(), 2000)
      .catch(() => ({ answered: false as const }));
    if (described.answered) return;
    await this.db.getRepository(ProcessInstanceEntity).delete({ id: instanceId, lastStep: 0 });
    throw new ProblemException(status, detail);
  }

  /**
   * A case runs only a pathway of its own unit or of a unit above it (docs/adr/0003): another
   * school's diagram may name that school's people.
   */
  private async mayRunAt(definition: ProcessDefinitionEntity, unit: OrgUnitEntity): Promise<void> {
    if ((await runnableAt(this.db.manager, [definition.id], unit.orgPath)).has(definition.id)) return;
    const owner = await this.db.getRepository(OrgUnitEntity).findOneByOrFail({ id: definition.ownerUnitId });
    throw new ForbiddenException(
      `Process '${definition.key}' belongs to ${owner.name} (${owner.orgPath}); cases at ${unit.orgPath} cannot run it. Deploy a copy under a key of your own`,
    );
  }

  /** Where a case would live; 404 for an unknown unit or student, 403 outside the caller's scope. */
  async placeCase(
    user: CurrentUser,
    dto: CasePlacement,
  ): Promise<{ unit: OrgUnitEntity; studentId: string | null }> {
    const placed = await this.findPlace(user, dto);
    if (!hasRoleAt(user, CASE_VIEWER_ROLES, placed.unit.orgPath)) {
      throw new ForbiddenException(`You hold no role at ${placed.unit.orgPath} or above it`);
    }
    return placed;
  }

  private async findPlace(
    user: CurrentUser,
    dto: CasePlacement,
  ): Promise<{ unit: OrgUnitEntity; studentId: string | null }> {
    if (dto.studentId) {
      const student = await this.students.findVisible(user, dto.studentId);
      const unit = await this.db.getRepository(OrgUnitEntity).findOneByOrFail({ id: student.orgUnitId });
      return { unit, studentId: student.id };
    }
    if (!dto.orgUnitId)
      throw new NotFoundException('Give orgUnitId or studentId: every case lives at an org unit');
    const unit = await this.db.getRepository(OrgUnitEntity).findOneBy({ id: dto.orgUnitId });
    if (!unit) throw new NotFoundException(`Org unit ${dto.orgUnitId} not found`);
    return { unit, studentId: null };
  }

  async list(user: CurrentUser, query: ListInstancesQuery) {
    const qb = this.db
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('i')
      .where(inScope('i.org_path'), { scopeUserId: user.id });
    // A running case with an open incident reads `incident` (docs/api.md), so `active` means the rest.
    const hasOpenIncident = `EXISTS (SELECT 1 FROM incident x WHERE x.instance_id = i.id AND x.state = 'open')`;
    if (query.state === 'incident') qb.andWhere(`i.state = 'active' AND ${hasOpenIncident}`);
    else if (query.state === 'active') qb.andWhere(`i.state = 'active' AND NOT ${hasOpenIncident}`);
    else if (query.state) qb.andWhere('i.state = :state', { state: query.state });
    if (query.definitionKey) qb.andWhere('i.definition_key = :key', { key: query.definitionKey });
    if (query.orgUnitId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM org_unit f WHERE f.id = :orgUnitId AND ${atOrBelow('i.org_path', 'f.org_path')})`,
        { orgUnitId: query.orgUnitId },
      );
    }
    if (query.overdue === 'true') {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM user_task t WHERE t.instance_id = i.id AND t.state = 'open' AND t.due_at < now())`,
      );
    }
    if (query.stuckDays) {
      qb.andWhere(`i.state = 'active' AND i.updated_at < now() - make_interval(days => :stuckDays)`, {
        stuckDays: query.stuckDays,
      });
    }
    const page = await paginate(qb, 'i.started_at', 'i.id', query, (i) => i.startedAt);
    const counts = await this.counts(page.items.map((i) => i.id));
    return {
      items: page.items.map((i) => this.summary(i, counts)),
      nextCursor: page.nextCursor,
    };
  }

  async get(user: CurrentUser, id: string) {
    const instance = await this.findVisible(user, id);
    await this.accessLog.record(user.id, 'instance.read', 'instance', id);
    return this.view(instance);
  }

  async history(user: CurrentUser, id: string, query: HistoryQuery) {
    await this.findVisible(user, id);
    const limit = query.limit ?? 500;
    const rows = await this.db
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.instance_id = :id AND e.seq > :after', { id, after: query.cursor ?? 0 })
      .orderBy('e.seq', 'ASC')
      .take(limit + 1)
      .getMany();
    await this.accessLog.record(user.id, 'instance.history.read', 'instance', id);
    const items = rows.slice(0, limit).map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      type: e.type,
      elementId: e.elementId,
      actor: e.actor,
      data: e.data,
      hash: e.hash,
      prevHash: e.prevHash,
    }));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]?.seq) : null };
  }

  /**
   * Cancels a running case. A case that has ended, or whose workflow refuses (it ended
   * meanwhile), is a 409; one that does not answer in time a 504.
   */
  async cancel(user: CurrentUser, id: string, reason: string): Promise<void> {
    const instance = await this.findVisible(user, id);
    if (!hasRoleAt(user, SUPERVISOR_ROLES, instance.orgPath))
      throw new ForbiddenException('Cancelling a case needs a supervising role');
    if (instance.state !== 'active') throw new ConflictException(`Case ${id} is already ${instance.state}`);
    const args: CancelInstanceArgs = { reason, actor: { id: user.id, username: user.username } };
    await this.updates.execute(id, CANCEL_INSTANCE_UPDATE, [args], {
      refusal: `Case ${id} cannot be cancelled`,
      unanswered:
        'the cancellation may still take effect when the case runs again: check the case before cancelling it again',
    });
    await this.accessLog.record(user.id, 'instance.cancel', 'instance', id, { reason });
  }

  /** A case the caller may see, or 404: the scope filter is part of the query. */
  async findVisible(user: CurrentUser, id: string): Promise<ProcessInstanceEntity> {
    const instance = await this.db
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('i')
      .where('i.id = :id', { id })
      .andWhere(inScope('i.org_path'), { scopeUserId: user.id })
      .getOne();
    if (!instance) throw new NotFoundException(`Case ${id} not found`);
    return instance;
  }

  /** Overdue open tasks and open incidents per case, for the summaries of one page. */
  private async counts(ids: string[]): Promise<CaseCounts> {
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

  private summary(i: ProcessInstanceEntity, counts: CaseCounts) {
    const openIncidents = counts.openIncidents.get(i.id) ?? 0;
    return {
      id: i.id,
      definitionKey: i.definitionKey,
      version: i.definitionVersion,
      businessKey: i.businessKey,
      orgUnitId: i.orgUnitId,
      orgPath: i.orgPath,
      studentId: i.studentId,
      parentId: i.parentId,
      state: i.state === 'active' && openIncidents > 0 ? ('incident' as const) : i.state,
      startedAt: i.startedAt.toISOString(),
      endedAt: i.endedAt?.toISOString() ?? null,
      overdueTasks: counts.overdueTasks.get(i.id) ?? 0,
      openIncidents,
    };
  }

  async view(i: ProcessInstanceEntity) {
    const [counts, incidents] = await Promise.all([
      this.counts([i.id]),
      this.db.getRepository(IncidentEntity).find({
        where: { instanceId: i.id, state: 'open' },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return {
      ...this.summary(i, counts),
      activeElements: i.activeElements,
      variables: i.variables,
      incidents: incidents.map((x) => ({
        id: x.id,
        elementId: x.elementId,
        message: x.message,
        createdAt: x.createdAt.toISOString(),
      })),
    };
  }
}

interface CaseCounts {
  overdueTasks: Map<string, number>;
  openIncidents: Map<string, number>;
}
