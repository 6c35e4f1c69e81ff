import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { JobInput } from '../../../../libs/contracts/src';
import {
  createDataSource,
  monthlyReportCounts,
  writeProjectionStep,
  type MonthlyReportCounts,
} from '../../../../libs/persistence/src';
import {
  createDefinition,
  createOrgUnit,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from '../../../../libs/persistence/src/testing';
import { compileMonthlyReport } from './compile-monthly-report';

type Unit = { id: string; orgPath: string };

/** Handlers need the data key; these never seal or open anything with it. */
const TEST_DATA_KEY = Buffer.alloc(32);

describe('compile-monthly-report handler (real PostgreSQL)', () => {
  let db: DataSource;
  let district: Unit;
  let school: Unit;
  let klass: Unit;
  let otherSchool: Unit;
  let otherClass: Unit;
  let definition: { id: string; key: string; version: number };

  /** A case row as the projection holds it, with the times and variables the report reads. */
  async function caseAt(
    unit: Unit,
    row: { key?: string; startedAt: string; endedAt?: string; riskLevel?: string; name?: string },
  ): Promise<string> {
    const id = randomUUID();
    const variables: Record<string, unknown> = { studentName: row.name ?? '张三' };
    if (row.riskLevel) variables.riskLevel = row.riskLevel;
    await db.query(
      `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, org_unit_id, org_path,
         state, variables, workflow_id, started_at, ended_at)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        definition.id,
        row.key ?? 'crisis-care',
        unit.id,
        unit.orgPath,
        row.endedAt ? 'completed' : 'active',
        JSON.stringify(variables),
        `wf-${id}`,
        row.startedAt,
        row.endedAt ?? null,
      ],
    );
    return id;
  }

  async function taskOf(
    instanceId: string,
    unit: Unit,
    task: {
      elementId: string;
      state: 'open' | 'completed' | 'cancelled';
      createdAt: string;
      endedAt?: string;
      dueAt?: string;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO user_task (id, instance_id, element_id, org_path, state, created_at, ended_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        randomUUID(),
        instanceId,
        task.elementId,
        unit.orgPath,
        task.state,
        task.createdAt,
        task.endedAt ?? null,
        task.dueAt ?? null,
      ],
    );
  }

  /** A `monthly-report` case at `unit`, projected, and one compile job of it. */
  async function jobOf(
    unit: Unit,
    variables: Record<string, unknown> = {},
    instanceId?: string,
  ): Promise<JobInput> {
    const instance = instanceDescriptor(definition, unit, instanceId ? { instanceId } : {});
    if (!instanceId)
      await writeProjectionStep(db, projectionStep(instance, 1), { dataKey: Buffer.alloc(32) });
    return {
      instance,
      job: {
        jobId: randomUUID(),
        elementId: 'compile',
        jobType: 'compile-monthly-report',
        retries: 3,
        headers: {},
        variables,
      },
    };
  }

  const reportRows = (instanceId: string) =>
    db.query(
      `SELECT id, org_unit_id, month, counts::text AS counts FROM monthly_report WHERE instance_id = $1`,
      [instanceId],
    );

  // March 2026 in Asia/Shanghai: from 2026-02-28T16:00Z to 2026-03-31T16:00Z.
  const MARCH: MonthlyReportCounts = {
    byRiskLevel: { low: 0, moderate: 1, high: 1, imminent: 1, unknown: 1 },
    newCases: 3,
    closedCases: 1,
    openAtMonthEnd: 4,
    overdueOpenTasks: 2,
    referrals: 2,
    homeVisitsDone: 1,
    homeVisitsDue: 2,
  };

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const root = await rootUnit(db);
    district = await createOrgUnit(db, root, 'district');
    school = await createOrgUnit(db, district, 'school');
    klass = await createOrgUnit(db, await createOrgUnit(db, school, 'grade'), 'class');
    otherSchool = await createOrgUnit(db, district, 'school');
    otherClass = await createOrgUnit(db, await createOrgUnit(db, otherSchool, 'grade'), 'class');
    definition = await createDefinition(db, `monthly-report-${uniqueTag()}`);

    // Cases of the school, each placed to land on one side of a boundary.
    const openHigh = await caseAt(klass, { startedAt: '2026-02-10T02:00:00Z', riskLevel: 'high' });
    await caseAt(klass, { startedAt: '2026-03-05T02:00:00Z', riskLevel: 'imminent' });
    await caseAt(klass, {
      startedAt: '2026-03-10T02:00:00Z',
      endedAt: '2026-03-20T02:00:00Z',
      riskLevel: 'low',
    });
    // 1 April 01:00 in Shanghai, still 31 March in UTC: April's
    await caseAt(klass, { startedAt: '2026-03-31T17:00:00Z', riskLevel: 'high' });
    // 1 March 01:00 in Shanghai, 28 February in UTC: March's; no risk level yet
    await caseAt(klass, { startedAt: '2026-02-28T17:00:00Z' });
    // open through March, closed in April
    await caseAt(klass, {
      startedAt: '2026-01-05T02:00:00Z',
      endedAt: '2026-04-02T02:00:00Z',
      riskLevel: 'moderate',
    });
    // another process's case: not a crisis case
    await caseAt(klass, { key: 'screening-campaign', startedAt: '2026-03-05T02:00:00Z', riskLevel: 'high' });

    await taskOf(openHigh, klass, {
      elementId: 'referral',
      state: 'completed',
      createdAt: '2026-03-01T02:00:00Z',
      endedAt: '2026-03-15T02:00:00Z',
    });
    // 31 March 23:00 in Shanghai: March's
    await taskOf(openHigh, klass, {
      elementId: 'emergency-referral',
      state: 'completed',
      createdAt: '2026-03-30T02:00:00Z',
      endedAt: '2026-03-31T15:00:00Z',
    });
    // 1 April 08:00 in Shanghai: April's
    await taskOf(openHigh, klass, {
      elementId: 'referral',
      state: 'completed',
      createdAt: '2026-03-30T02:00:00Z',
      endedAt: '2026-04-01T00:00:00Z',
    });
    await taskOf(openHigh, klass, {
      elementId: 'home-visit',
      state: 'completed',
      createdAt: '2026-03-01T02:00:00Z',
      endedAt: '2026-03-12T02:00:00Z',
      dueAt: '2026-03-20T09:00:00Z',
    });
    // due in March and still open at its end: due, and overdue
    await taskOf(openHigh, klass, {
      elementId: 'home-visit',
      state: 'open',
      createdAt: '2026-03-01T02:00:00Z',
      dueAt: '2026-03-25T09:00:00Z',
    });
    await taskOf(openHigh, klass, {
      elementId: 'home-visit',
      state: 'cancelled',
      createdAt: '2026-03-01T02:00:00Z',
      endedAt: '2026-03-10T02:00:00Z',
      dueAt: '2026-03-26T09:00:00Z',
    });
    await taskOf(openHigh, klass, {
      elementId: 'initial-assessment',
      state: 'open',
      createdAt: '2026-03-30T02:00:00Z',
      dueAt: '2026-04-05T09:00:00Z',
    });
    // done in April, late already at March's end: overdue then
    await taskOf(openHigh, klass, {
      elementId: 'follow-up',
      state: 'completed',
      createdAt: '2026-03-20T02:00:00Z',
      endedAt: '2026-04-03T02:00:00Z',
      dueAt: '2026-03-30T09:00:00Z',
    });
    // opened in April: not March's work
    await taskOf(openHigh, klass, {
      elementId: 'follow-up',
      state: 'open',
      createdAt: '2026-04-02T02:00:00Z',
      dueAt: '2026-03-30T09:00:00Z',
    });

    // The sibling school: one of everything, none of which may reach the first school's report.
    const other = await caseAt(otherClass, { startedAt: '2026-03-05T02:00:00Z', riskLevel: 'high' });
    await caseAt(otherClass, {
      startedAt: '2026-03-06T02:00:00Z',
      endedAt: '2026-03-08T02:00:00Z',
      riskLevel: 'low',
    });
    await taskOf(other, otherClass, {
      elementId: 'referral',
      state: 'completed',
      createdAt: '2026-03-01T02:00:00Z',
      endedAt: '2026-03-15T02:00:00Z',
    });
    await taskOf(other, otherClass, {
      elementId: 'home-visit',
      state: 'open',
      createdAt: '2026-03-01T02:00:00Z',
      dueAt: '2026-03-25T09:00:00Z',
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('counts the school’s cases and work of the month, in Beijing time, and stores them', async () => {
    // given a monthly-report case at the school, for March
    const input = await jobOf(school, { month: '2026-03' });

    // when it runs
    const result = await compileMonthlyReport(input, { db, dataKey: TEST_DATA_KEY });

    // then the counts are the school's March, from its cases only, and stored as such
    if (!('variables' in result)) throw new Error('expected variables');
    expect(result.variables).toEqual({
      reportId: expect.any(String),
      reportMonth: '2026-03',
      reportCounts: MARCH,
    });
    const rows = await reportRows(input.instance.instanceId);
    expect(rows).toEqual([
      { id: result.variables.reportId, org_unit_id: school.id, month: '2026-03', counts: expect.any(String) },
    ]);
    expect(JSON.parse(rows[0].counts)).toEqual(MARCH);
    expect(rows[0].counts).not.toContain('张三');
  });

  it('never counts a sibling school: each school’s report holds its own cases; the district sums both', async () => {
    const input = await jobOf(otherSchool, { month: '2026-03' });
    const result = await compileMonthlyReport(input, { db, dataKey: TEST_DATA_KEY });
    expect('variables' in result && result.variables.reportCounts).toEqual({
      byRiskLevel: { low: 0, moderate: 0, high: 1, imminent: 0, unknown: 0 },
      newCases: 2,
      closedCases: 1,
      openAtMonthEnd: 1,
      overdueOpenTasks: 1,
      referrals: 1,
      homeVisitsDone: 0,
      homeVisitsDue: 1,
    });
    // the same SQL over the district's path (what a district report reuses) adds the two up
    const both = await monthlyReportCounts(db.manager, district.orgPath, '2026-03');
    expect(both.newCases).toBe(5);
    expect(both.referrals).toBe(3);
    expect(both.byRiskLevel.high).toBe(2);
  });

  it('stores one report when the job runs twice, and the retry answers the same report', async () => {
    const input = await jobOf(school, { month: '2026-03' });
    const first = await compileMonthlyReport(input, { db, dataKey: TEST_DATA_KEY });
    // a case started meanwhile, and a retry on another day, change nothing of what the job reported
    await caseAt(klass, { startedAt: '2026-03-15T02:00:00Z', riskLevel: 'low' });
    const second = await compileMonthlyReport(input, {
      db,
      dataKey: TEST_DATA_KEY,
      jobTime: new Date('2026-06-01T00:00:00Z'),
    });
    expect(second).toEqual(first);
    expect(await reportRows(input.instance.instanceId)).toHaveLength(1);

    // a later job of the same case (compiling again) replaces the counts in the one row
    const again = await compileMonthlyReport(
      await jobOf(school, { month: '2026-03' }, input.instance.instanceId),
      { db, dataKey: TEST_DATA_KEY },
    );
    const rows = await reportRows(input.instance.instanceId);
    expect(rows).toHaveLength(1);
    expect('variables' in again && again.variables.reportId).toBe(rows[0].id);
    expect(JSON.parse(rows[0].counts).newCases).toBe(MARCH.newCases + 1);
  });

  it('reports the month before the job’s time in Asia/Shanghai when the case gives none', async () => {
    // 1 April 00:30 in Shanghai (31 March in UTC): March
    const april = await jobOf(school);
    const result = await compileMonthlyReport(april, {
      db,
      dataKey: TEST_DATA_KEY,
      jobTime: new Date('2026-03-31T16:30:00Z'),
    });
    expect('variables' in result && result.variables.reportMonth).toBe('2026-03');
    // 31 March 23:59 in Shanghai: February
    const march = await jobOf(school, { month: null });
    const earlier = await compileMonthlyReport(march, {
      db,
      dataKey: TEST_DATA_KEY,
      jobTime: new Date('2026-03-31T15:59:00Z'),
    });
    expect('variables' in earlier && earlier.variables.reportMonth).toBe('2026-02');
  });

  it('fails for good on a month that is no YYYY-MM, without repeating it', async () => {
    for (const month of ['2026-13', '2026/03', 'March', 202603]) {
      const input = await jobOf(school, { month });
      const error = await compileMonthlyReport(input, { db, dataKey: TEST_DATA_KEY }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ type: 'JobMisconfigured', nonRetryable: true });
      expect((error as Error).message).toContain('compile');
      expect((error as Error).message).not.toContain(String(month));
      expect(await reportRows(input.instance.instanceId)).toEqual([]);
    }
  });
});
