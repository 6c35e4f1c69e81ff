import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  type StreamableFile,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type CancelInstanceArgs,
  CANCEL_INSTANCE_UPDATE,
  type RunProcessInput,
  workflowIdForInstance,
} from '../../../../libs/contracts/src';
import { CASE_VIEWER_ROLES, SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import {
  type AuditEventEntity,
  effectiveCaseCalendar,
  isSecondOpenCase,
  type OrgUnitEntity,
  type ProcessDefinitionEntity,
  type ProcessInstanceEntity,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CaseContext, CaseContexts } from '../case-file/case-context';
import { CaseFiles } from '../case-file/case-file.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { CSV_EXPORT_LIMIT, csvFile, csvText } from '../common/csv';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { checkCaseVariablesSize } from '../common/variable-limits';
import { DefinitionsRepository } from '../definitions/definitions.repository';
import { DefinitionsService } from '../definitions/definitions.service';
import { OrgUnitsRepository } from '../org-units/org-units.repository';
import { StudentsService } from '../students/students.service';
import { CaseUpdates } from '../temporal/case-updates.service';
import { noNoneStartEventProblem } from './start-event-needed';
import type { HistoryQuery, ListInstancesQuery, StartInstanceDto } from './instances.dto';
import {
  type CaseCounts,
  type InstanceFilter,
  InstancesRepository,
  type NewCaseRow,
  type ReadableCase,
} from './instances.repository';

/** A started case as the caller may see it; `firstStepWritten` false: answered 202. */
export interface StartedCase {
  instance: Awaited<ReturnType<InstancesService['view']>>;
  firstStepWritten: boolean;
}

/** One entry of a case's audit chain as the api shows it (docs/api.md, history). */
function historyItem(e: AuditEventEntity, data: Record<string, unknown> | null) {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    type: e.type,
    elementId: e.elementId,
    actor: e.actor,
    data,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** 409: the student already has an open case of the process; the problem names it. */
function secondOpenCase(definitionKey: string, openInstanceId: string | null): ProblemException {
  return new ProblemException(
    409,
    `The student already has an open ${definitionKey} case${openInstanceId ? ` (${openInstanceId})` : ''}: continue that one`,
    undefined,
    undefined,
    { openInstanceId },
  );
}

/** Where a new case lives and what it starts with. */
export type CasePlacement = Pick<StartInstanceDto, 'businessKey' | 'orgUnitId' | 'studentId' | 'variables'>;

@Injectable()
export class InstancesService {
  private readonly logger = new Logger('Instances');

  constructor(
    private readonly db: DataSource,
    private readonly instances: InstancesRepository,
    private readonly units: OrgUnitsRepository,
    private readonly definitionRows: DefinitionsRepository,
    private readonly definitions: DefinitionsService,
    private readonly students: StudentsService,
    private readonly accessLog: AccessLog,
    private readonly updates: CaseUpdates,
    private readonly caseFiles: CaseFiles,
    private readonly caseContexts: CaseContexts,
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
    const { businessKey, variables } = await this.studentCase(definition.key, studentId, dto);
    const instanceId = randomUUID();
    const workflowId = workflowIdForInstance(instanceId);
    const input: RunProcessInput = {
      instance: {
        instanceId,
        definitionId: definition.id,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        businessKey,
        orgUnitId: unit.id,
        orgPath: unit.orgPath,
        studentId,
        startedBy: { id: user.id, username: user.username },
      },
      model: definition.model,
      variables,
      // The unit's school calendar as it is now; later changes reach the case as a signal.
      calendar: await effectiveCaseCalendar(this.db, unit.orgPath),
      ...(startEventId ? { startEventId } : {}),
    };
    // Before the row is written: with Temporal unreachable this is a 503 and nothing remains.
    this.updates.assertReachable();
    await this.insertCase(definition.key, studentId, {
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
    // Sealed with the key the row was just given, before anything reaches Temporal (ADR 0020).
    input.variables = await this.caseFiles.sealInbound(instanceId, input.variables);
    let firstStepWritten = false;
    let failure: string | undefined;
    try {
      firstStepWritten = await this.updates.start(input);
    } catch (error) {
      failure = (error as Error).message;
    }
    if (!firstStepWritten) {
      await this.unlessStarted(
        instanceId,
        failure === undefined
          ? `Temporal did not answer within ${this.updates.answerTimeoutMs / 1000} s: the case was not started`
          : `The case could not be started: ${failure}`,
        failure === undefined ? 504 : 503,
      );
      this.logger.warn(`Case ${instanceId} started but its first step is not written yet ${failure ?? ''}`);
    }
    await this.accessLog.record(user.id, 'instance.start', 'instance', instanceId, {
      definitionKey: definition.key,
    });
    return { instance: await this.view(user, await this.findVisible(user, instanceId)), firstStepWritten };
  }

  /**
   * A student's case (docs/student-cases.md): its business key and its `caseKey` variable are the
   * student's case key (`<schoolCode>-<studentNo>`), and the student may have no other open case
   * of the process (409 naming it). A key the client sends must be that one.
   */
  private async studentCase(
    definitionKey: string,
    studentId: string | null,
    dto: CasePlacement,
  ): Promise<{ businessKey: string | null; variables: Record<string, unknown> }> {
    const given = dto.variables ?? {};
    if (!studentId) return { businessKey: dto.businessKey ?? null, variables: given };
    const caseKey = await this.instances.caseKeyOf(studentId);
    const mismatch = (path: string, value: unknown) =>
      new ProblemException(400, `A student's case is keyed by the student's case key`, [
        {
          path,
          message: `Expected ${caseKey ?? 'nothing (the student sits under no school)'}, got ${JSON.stringify(value)}`,
        },
      ]);
    if (dto.businessKey !== undefined && dto.businessKey !== caseKey)
      throw mismatch('businessKey', dto.businessKey);
    if (Object.hasOwn(given, 'caseKey') && given.caseKey !== caseKey)
      throw mismatch('variables.caseKey', given.caseKey);
    const open = await this.instances.openCaseOf(studentId, definitionKey);
    if (open) throw secondOpenCase(definitionKey, open);
    return { businessKey: caseKey, variables: caseKey === null ? given : { ...given, caseKey } };
  }

  /** Inserts the case's row; the database's own rule answers a start that raced another (409). */
  private async insertCase(definitionKey: string, studentId: string | null, row: NewCaseRow): Promise<void> {
    try {
      await this.instances.insert(row);
    } catch (error) {
      if (!studentId || !isSecondOpenCase(error)) throw error;
      const open = await this.instances.openCaseOf(studentId, definitionKey);
      throw secondOpenCase(definitionKey, open);
    }
  }

  /**
   * After a failed or unanswered start: when the workflow does not exist, nothing ran, so the
   * row is removed (no half-written case remains) and the request fails with `status`.
   */
  private async unlessStarted(instanceId: string, detail: string, status: 503 | 504): Promise<void> {
    if (await this.updates.workflowExists(instanceId)) return;
    await this.instances.deleteUnstarted(instanceId);
    throw new ProblemException(status, detail);
  }

  /**
   * A case runs only a pathway of its own unit or of a unit above it (docs/adr/0003): another
   * school's diagram may name that school's people.
   */
  private async mayRunAt(definition: ProcessDefinitionEntity, unit: OrgUnitEntity): Promise<void> {
    if ((await this.definitionRows.runnableAt([definition.id], unit.orgPath)).has(definition.id)) return;
    const owner = await this.existingUnit(definition.ownerUnitId);
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
      return { unit: await this.existingUnit(student.orgUnitId), studentId: student.id };
    }
    if (!dto.orgUnitId)
      throw new NotFoundException('Give orgUnitId or studentId: every case lives at an org unit');
    const unit = await this.units.findById(dto.orgUnitId);
    if (!unit) throw new NotFoundException(`Org unit ${dto.orgUnitId} not found`);
    return { unit, studentId: null };
  }

  /** A unit a row refers to (foreign keys keep it). */
  private async existingUnit(id: string): Promise<OrgUnitEntity> {
    const unit = await this.units.findById(id);
    if (!unit) throw new Error(`Org unit ${id} is gone although a row refers to it`);
    return unit;
  }

  async list(user: CurrentUser, query: ListInstancesQuery) {
    const page = await this.instances.list(user.id, instanceFilterOf(query), query);
    const ids = page.items.map((i) => i.id);
    const [counts, contexts] = await Promise.all([
      this.instances.counts(ids),
      this.caseContexts.of(user.id, ids),
    ]);
    return {
      items: page.items.map((i) => this.summary(i, counts, contexts)),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The same filtered, scoped list as CSV (docs/api.md): the first CSV_EXPORT_LIMIT cases from
   * the cursor on, newest first; ids, keys, states, times, counts, the unit's name and the
   * student's number, nothing sealed.
   */
  async exportCsv(
    user: CurrentUser,
    query: ListInstancesQuery,
  ): Promise<{ file: StreamableFile; truncated: boolean }> {
    const page = await this.instances.list(user.id, instanceFilterOf(query), {
      cursor: query.cursor,
      limit: CSV_EXPORT_LIMIT,
    });
    const ids = page.items.map((i) => i.id);
    const [counts, context, contexts] = await Promise.all([
      this.instances.counts(ids),
      this.instances.exportContext(ids),
      this.caseContexts.of(user.id, ids),
    ]);
    const rows = page.items.map((i) => {
      const s = this.summary(i, counts, contexts);
      const c = context.get(i.id);
      return [
        s.id,
        s.businessKey,
        s.definitionKey,
        s.version,
        s.state,
        c?.orgUnitName,
        c?.studentNo,
        s.startedAt,
        s.endedAt,
        i.updatedAt.toISOString(),
        s.overdueTasks,
        s.openIncidents,
        i.activeElements.map((a) => a.elementId).join(' '),
        s.parentId,
      ];
    });
    const text = csvText(INSTANCE_CSV_HEADER, rows);
    const truncated = page.nextCursor !== null;
    // A bulk read of case data: recorded with the filters' names.
    // The cases' ids go with it, so each case's reads list shows the export.
    await this.accessLog.record(user.id, 'instance.export', 'instance', null, {
      instances: ids,
      rows: rows.length,
      truncated,
      filters: Object.keys(query)
        .filter((name) => query[name as keyof typeof query] !== undefined)
        .sort(),
    });
    return { file: csvFile('cases', text), truncated };
  }

  /**
   * The case file; a sealed one only with a reason (recorded), docs/api.md. Also under an
   * unexpired break-glass grant (read-only; the read is logged `via: breakGlass`).
   */
  async get(user: CurrentUser, id: string, reason?: string, language: RequestLanguage = 'en') {
    const { instance, via, grantedUntil } = await this.findReadable(user, id);
    const breakGlass = via === 'breakGlass';
    await this.caseFiles.admitRead(
      user,
      instance,
      { resourceType: 'instance', resourceId: id, what: 'instance', ...(breakGlass ? { via } : {}) },
      reason,
      language,
    );
    await this.accessLog.record(user.id, 'instance.read', 'instance', id, breakGlass ? { via } : {});
    const view = await this.view(user, instance, { openSealed: true, breakGlass });
    return { ...view, breakGlassUntil: grantedUntil?.toISOString() ?? null };
  }

  /**
   * The case's audit chain as stored, with its sealed free text opened for the reader (null
   * once purged). Hashes are over what is stored, ciphertext included: a reader verifies the
   * chain with `GET …/history/verify`, not by hashing what this answers.
   */
  async history(user: CurrentUser, id: string, query: HistoryQuery, language: RequestLanguage = 'en') {
    const { instance, via } = await this.findReadable(user, id);
    const breakGlass = via === 'breakGlass';
    await this.caseFiles.admitRead(
      user,
      instance,
      { resourceType: 'instance', resourceId: id, what: 'history', ...(breakGlass ? { via } : {}) },
      query.reason,
      language,
    );
    const limit = query.limit ?? 500;
    const rows = await this.instances.history(id, query.cursor ?? 0, limit);
    await this.accessLog.record(user.id, 'instance.history.read', 'instance', id, breakGlass ? { via } : {});
    const open = await this.caseFiles.opener(id);
    const items = rows.slice(0, limit).map((e) => historyItem(e, open.data(e.data)));
    return {
      items,
      nextCursor: rows.length > limit ? String(items[items.length - 1]?.seq) : null,
      purgedAt: instance.purgedAt?.toISOString() ?? null,
    };
  }

  /**
   * The student's file (一生一档, docs/student-cases.md): every case of the student the caller
   * sees, and their histories as one chronology. 404 for a student outside the caller's scope;
   * the read is audited like a case read. A sealed case's entries come without their data unless
   * a `reason` is given (recorded for each sealed case, as a sealed case read is); a purged
   * case's sensitive data reads as null.
   */
  async studentFile(
    user: CurrentUser,
    studentId: string,
    query: HistoryQuery,
    language: RequestLanguage = 'en',
  ) {
    const student = await this.students.get(user, studentId);
    const cases = await this.instances.visibleOfStudent(user.id, studentId);
    const limit = query.limit ?? 500;
    const offset = query.cursor ?? 0;
    const ids = cases.map((c) => c.id);
    const rows = ids.length === 0 ? [] : await this.instances.historyOfCases(ids, offset, limit);
    const readable = new Set<string>();
    for (const c of cases) {
      if (c.sealedAt && query.reason === undefined) continue;
      await this.caseFiles.admitRead(
        user,
        c,
        { resourceType: 'instance', resourceId: c.id, what: 'student file' },
        query.reason,
        language,
      );
      readable.add(c.id);
    }
    await this.accessLog.record(user.id, 'student.file.read', 'student', studentId, { instances: ids });
    const openers = new Map(
      await Promise.all([...readable].map(async (id) => [id, await this.caseFiles.opener(id)] as const)),
    );
    const [counts, contexts] = await Promise.all([
      this.instances.counts(ids),
      this.caseContexts.of(user.id, ids),
    ]);
    const keyOf = new Map(cases.map((c) => [c.id, c.definitionKey]));
    return {
      student,
      cases: cases.map((c) => ({
        ...this.summary(c, counts, contexts),
        sealedAt: c.sealedAt?.toISOString() ?? null,
        purgedAt: c.purgedAt?.toISOString() ?? null,
      })),
      events: rows.slice(0, limit).map((e) => {
        const opener = openers.get(e.instanceId);
        return {
          instanceId: e.instanceId,
          definitionKey: keyOf.get(e.instanceId) ?? null,
          ...historyItem(e, opener ? opener.data(e.data) : null),
        };
      }),
      nextCursor: rows.length > limit ? String(offset + limit) : null,
    };
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
    this.caseFiles.assertWritable(instance);
    // The reason is free text about the case: sealed with its key before Temporal and the
    // audit chain keep it, and kept out of the access log (ADR 0020).
    const sealedReason = (await this.caseFiles.sealText(id, reason)) ?? '';
    const args: CancelInstanceArgs = {
      reason: sealedReason,
      actor: { id: user.id, username: user.username },
    };
    await this.updates.execute(id, CANCEL_INSTANCE_UPDATE, [args], {
      refusal: `Case ${id} cannot be cancelled`,
      unanswered:
        'the cancellation may still take effect when the case runs again: check the case before cancelling it again',
    });
    await this.accessLog.record(user.id, 'instance.cancel', 'instance', id);
  }

  /**
   * A case file the caller may read — in scope, or under an unexpired break-glass grant — or
   * 404 (the same answer as an unknown id). Only for the reads of one case, never for writes.
   */
  async findReadable(user: CurrentUser, id: string): Promise<ReadableCase> {
    const readable = await this.instances.findReadable(user.id, id);
    if (!readable) throw new NotFoundException(`Case ${id} not found`);
    return readable;
  }

  /** A case the caller may see, or 404: the scope filter is part of the query. */
  async findVisible(user: CurrentUser, id: string): Promise<ProcessInstanceEntity> {
    const instance = await this.instances.findVisible(user.id, id);
    if (!instance) throw new NotFoundException(`Case ${id} not found`);
    return instance;
  }

  /** A case as lists show it: with its process's and unit's names and its student (docs/api.md). */
  private summary(i: ProcessInstanceEntity, counts: CaseCounts, contexts: Map<string, CaseContext>) {
    const openIncidents = counts.openIncidents.get(i.id) ?? 0;
    const context = contexts.get(i.id);
    if (!context) throw new Error(`Case ${i.id} has no context`);
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
      updatedAt: i.updatedAt.toISOString(),
      overdueTasks: counts.overdueTasks.get(i.id) ?? 0,
      openIncidents,
      definitionName: context.definitionName,
      orgUnitName: context.orgUnitName,
      student: context.student,
    };
  }

  /**
   * A case as someone who may see it reads it: its sealed values opened (only ever for such a
   * caller: every path here passed findVisible), `variables` null once the case is purged.
   */
  async view(
    user: CurrentUser,
    i: ProcessInstanceEntity,
    options: { openSealed?: boolean; breakGlass?: boolean } = {},
  ) {
    const [counts, incidents, open, contexts, openTasks, legalHold] = await Promise.all([
      this.instances.counts([i.id]),
      this.instances.openIncidents(i.id),
      this.caseFiles.opener(i.id),
      this.caseContexts.of(user.id, [i.id], options),
      this.instances.openTasks(i.id),
      this.instances.legalHoldOf(i.id),
    ]);
    return {
      ...this.summary(i, counts, contexts),
      definitionId: i.definitionId,
      openTasks,
      activeElements: i.activeElements,
      variables: i.purgedAt ? null : open.variables(i.variables),
      sealedAt: i.sealedAt?.toISOString() ?? null,
      purgedAt: i.purgedAt?.toISOString() ?? null,
      legalHold,
      breakGlassUntil: null as string | null,
      incidents: incidents.map((x) => ({
        id: x.id,
        elementId: x.elementId,
        message: x.message,
        createdAt: x.createdAt.toISOString(),
      })),
    };
  }
}

/** The columns of the cases CSV export, in order. */
const INSTANCE_CSV_HEADER = [
  'id',
  'businessKey',
  'definitionKey',
  'version',
  'state',
  'orgUnit',
  'studentNo',
  'startedAt',
  'endedAt',
  'updatedAt',
  'overdueTasks',
  'openIncidents',
  'activeElements',
  'parentId',
] as const;

function instanceFilterOf(query: ListInstancesQuery): InstanceFilter {
  return {
    state: query.state,
    definitionKey: query.definitionKey,
    orgUnitId: query.orgUnitId,
    overdue: query.overdue === 'true',
    stuckDays: query.stuckDays,
    elementId: query.elementId,
    version: query.version,
  };
}
