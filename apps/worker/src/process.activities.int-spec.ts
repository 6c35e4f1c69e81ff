import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { JobInput, ProcessActivities } from '../../../libs/contracts/src';
import { createDataSource, saveOwnCalendar } from '../../../libs/persistence/src';
import {
  createDefinition,
  createOrgUnit,
  createUser,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from '../../../libs/persistence/src/testing';
import type { HandlerDeps } from './handlers/job-handler';
import { createProcessActivities } from './process.activities';

const SCHOOL_CALENDAR = {
  timezone: 'Asia/Shanghai',
  terms: [{ name: '秋季', start: '2026-09-01', end: '2027-01-22' }],
  holidays: ['2026-11-20'],
  workdays: [],
};
/** The calendar a case at the school starts with: the school's own, national days merged. */
const schoolCalendar = (schoolId: string) =>
  expect.objectContaining({
    sourceUnitId: schoolId,
    terms: SCHOOL_CALENDAR.terms,
    holidays: expect.arrayContaining(['2026-11-20', '2026-10-01']),
    version: expect.stringMatching(/^[0-9a-f]{64}$/),
  });

describe('process activities (real PostgreSQL)', () => {
  let db: DataSource;
  let activities: ProcessActivities;
  let school: { id: string; orgPath: string };
  let definition: { id: string; key: string; version: number };
  const jobSeen: JobInput[] = [];
  const depsSeen: HandlerDeps[] = [];
  const dataKey = randomBytes(32);

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    school = await createOrgUnit(db, await rootUnit(db), 'school');
    // The school's own calendar: every case started there begins with it (docs/calendars.md).
    await saveOwnCalendar(db, school.id, SCHOOL_CALENDAR, (await createUser(db, 'principal')).id);
    definition = await createDefinition(db, `parent-${uniqueTag()}`);
    activities = createProcessActivities({
      dataSource: db,
      dataKey,
      handlers: {
        echo: async (input, deps) => {
          jobSeen.push(input);
          depsSeen.push(deps);
          return { variables: { echoed: input.job.headers.say } };
        },
      },
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }

  describe('projectStep', () => {
    it('answers the buffered messages (none here) of a written step', async () => {
      const instance = instanceDescriptor(definition, school);
      expect(await activities.projectStep(projectionStep(instance, 1))).toEqual({ bufferedMessages: [] });
    });

    it('fails for good with ProjectionRejected when PostgreSQL refuses the step', async () => {
      // given a step whose task priority violates a CHECK constraint
      const instance = instanceDescriptor(definition, school);
      const step = projectionStep(instance, 1, {
        openedTasks: [
          {
            taskId: randomUUID(),
            elementId: 't',
            candidateGroups: [],
            candidateUsers: [],
            priority: 101,
            openedAt: new Date().toISOString(),
          },
        ],
      });

      // then the activity is not retried and says what was refused, nothing of the case's data
      const failure = await failureOf(activities.projectStep(step));
      expect(failure.type).toBe('ProjectionRejected');
      expect(failure.nonRetryable).toBe(true);
      expect(failure.message).toContain('SQLSTATE 23514');
      expect(failure.message).toContain('user_task_priority_check');
    });

    it('lets any other failure (here: no database connection) be retried', async () => {
      const closed = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
      const offline = createProcessActivities({ dataSource: closed, dataKey: randomBytes(32) });
      const error = await offline
        .projectStep(projectionStep(instanceDescriptor(definition, school), 1))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ApplicationFailure);
    });
  });

  describe('raiseProjectionIncident', () => {
    it('writes the incident once, even when retried', async () => {
      const instance = instanceDescriptor(definition, school);
      const input = { instance, incidentId: randomUUID(), step: 1, message: 'refused' };
      await activities.raiseProjectionIncident(input);
      await activities.raiseProjectionIncident(input);
      const rows = await db.query(`SELECT state FROM incident WHERE instance_id = $1`, [instance.instanceId]);
      expect(rows).toEqual([{ state: 'open' }]);
    });
  });

  describe('runJob', () => {
    it('runs the handler registered for the job type', async () => {
      const input: JobInput = {
        instance: instanceDescriptor(definition, school),
        job: {
          jobId: randomUUID(),
          elementId: 's',
          jobType: 'echo',
          retries: 3,
          headers: { say: 'hi' },
          variables: {},
        },
      };
      expect(await activities.runJob(input)).toEqual({ variables: { echoed: 'hi' } });
      expect(jobSeen).toHaveLength(1);
      // the data key to unseal guardians with; no job time outside a Temporal activity
      expect(depsSeen[0]).toEqual({ db, dataKey, jobTime: undefined });
    });

    it('fails for good on a job type without handler, naming it', async () => {
      const input: JobInput = {
        instance: instanceDescriptor(definition, school),
        job: {
          jobId: randomUUID(),
          elementId: 's',
          jobType: 'constructor',
          retries: 3,
          headers: {},
          variables: {},
        },
      };
      const failure = await failureOf(activities.runJob(input));
      expect(failure).toMatchObject({ type: 'UnknownJobType', nonRetryable: true });
      expect(failure.message).toContain('"constructor"');
    });
  });

  describe('prepareChild', () => {
    it('creates the called case at the parent’s place with the latest version, idempotently', async () => {
      // given a parent case at the school with a student, and two versions of the called process
      const calledKey = `child-${uniqueTag()}`;
      await createDefinition(db, calledKey, { id: calledKey, version: 1 });
      const v2 = await createDefinition(db, calledKey, { id: calledKey, version: 2 });
      const starter = await createUser(db, 'starter');
      const parent = instanceDescriptor(definition, school, {
        businessKey: 'bk-1',
        startedBy: { id: starter.id, username: starter.username },
      });
      await activities.projectStep(projectionStep(parent, 1));
      const childId = randomUUID();

      // when the call activity prepares the child
      const input = await activities.prepareChild({ parent, childId, processId: calledKey });

      // then the child starts with the latest version, where the parent lives, linked to it
      expect(input).toEqual({
        instance: {
          instanceId: childId,
          definitionId: v2.id,
          definitionKey: calledKey,
          definitionVersion: 2,
          businessKey: 'bk-1',
          orgUnitId: school.id,
          orgPath: school.orgPath,
          studentId: null,
          startedBy: null,
          startedVia: { kind: 'case', caseId: parent.instanceId },
          parent: { instanceId: parent.instanceId, childId },
        },
        model: { id: calledKey, version: 2 },
        variables: {},
        calendar: schoolCalendar(school.id),
      });
      const [row] = await db.query(
        `SELECT definition_id, org_unit_id, org_path, parent_id, state, workflow_id FROM process_instance WHERE id = $1`,
        [childId],
      );
      expect(row).toEqual({
        definition_id: v2.id,
        org_unit_id: school.id,
        org_path: school.orgPath,
        parent_id: parent.instanceId,
        state: 'active',
        workflow_id: `case-${childId}`,
      });

      // and a retry after a newer version was deployed answers the same, without a second row
      await createDefinition(db, calledKey, { id: calledKey, version: 3 });
      expect(await activities.prepareChild({ parent, childId, processId: calledKey })).toEqual(input);
    });

    it('fails for good with CalledProcessNotFound when nothing is deployed under the key', async () => {
      const parent = instanceDescriptor(definition, school);
      const failure = await failureOf(
        activities.prepareChild({ parent, childId: randomUUID(), processId: 'never-deployed' }),
      );
      expect(failure).toMatchObject({ type: 'CalledProcessNotFound', nonRetryable: true });
      expect(failure.message).toContain('"never-deployed"');
    });
  });

  describe('prepareTimerCase', () => {
    it('creates the case of that definition version at the unit, idempotently, starting at the timer', async () => {
      const instanceId = randomUUID();
      const input = {
        definitionId: definition.id,
        orgUnitId: school.id,
        instanceId,
        startEventId: 'every-month',
      };
      const expected = {
        instance: {
          instanceId,
          definitionId: definition.id,
          definitionKey: definition.key,
          definitionVersion: definition.version,
          businessKey: null,
          orgUnitId: school.id,
          orgPath: school.orgPath,
          studentId: null,
          startedBy: null,
          startedVia: { kind: 'timer' },
        },
        model: {},
        variables: {},
        calendar: schoolCalendar(school.id),
        startEventId: 'every-month',
      };
      expect(await activities.prepareTimerCase(input)).toEqual(expected);
      expect(await activities.prepareTimerCase(input)).toEqual(expected);
      const rows = await db.query(`SELECT org_path, state, started_by FROM process_instance WHERE id = $1`, [
        instanceId,
      ]);
      expect(rows).toEqual([{ org_path: school.orgPath, state: 'active', started_by: null }]);
    });

    it('fails for good when the definition or the unit does not exist', async () => {
      const failure = await failureOf(
        activities.prepareTimerCase({
          definitionId: randomUUID(),
          orgUnitId: school.id,
          instanceId: randomUUID(),
          startEventId: 't',
        }),
      );
      expect(failure).toMatchObject({ type: 'TimerCaseNotPossible', nonRetryable: true });
    });
  });
});
