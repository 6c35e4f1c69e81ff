import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { InstanceDescriptor, JobInput } from '../../../../libs/contracts/src';
import type { JobSpec } from '../../../../libs/engine/src';
import {
  createDataSource,
  decryptJson,
  encryptJson,
  GUARDIAN_NOTICE_TEXT,
  writeProjectionStep,
  type StudentPersonalData,
} from '../../../../libs/persistence/src';
import {
  createDefinition,
  createOrgUnit,
  createUser,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from '../../../../libs/persistence/src/testing';
import { elementTemplates } from '../../../../libs/bpmn/src/lint';
import { assignCareGroup } from './assign-care-group';
import { DEFAULT_NOTIFICATION_TITLE, notify } from './notify';

describe('notify handler (real PostgreSQL)', () => {
  let db: DataSource;
  let school: { id: string; orgPath: string };
  let klass: { id: string; orgPath: string };
  let definition: { id: string; key: string; version: number };
  let psych: { id: string; username: string };
  let principal: { id: string; username: string };
  let classTeacher: { id: string; username: string };
  let otherPsych: { id: string; username: string };
  let orphanId: string;
  const SECRET = '自伤风险-高';
  const dataKey = randomBytes(32);
  const guardians = [
    { name: '李梅', relation: '母亲', phone: '13812345678' },
    { name: '王强', relation: '父亲', phone: '19987654321' },
  ];

  /** A student of the class, personal fields sealed as the api seals them. */
  async function studentWith(personal: StudentPersonalData): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO student (org_unit_id, org_path, student_no, sensitive) VALUES ($1, $2, $3, $4) RETURNING id`,
      [klass.id, klass.orgPath, `n-${uniqueTag()}`, encryptJson(dataKey, personal)],
    );
    return id;
  }

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const root = await rootUnit(db);
    school = await createOrgUnit(db, root, 'school');
    const grade = await createOrgUnit(db, school, 'grade');
    klass = await createOrgUnit(db, grade, 'class');
    const otherSchool = await createOrgUnit(db, root, 'school');
    psych = await createUser(db, 'psych', [{ role: 'psychTeacher', orgUnitId: school.id }]);
    principal = await createUser(db, 'principal', [{ role: 'principal', orgUnitId: school.id }]);
    classTeacher = await createUser(db, 'teacher', [{ role: 'classTeacher', orgUnitId: klass.id }]);
    otherPsych = await createUser(db, 'psych2', [{ role: 'psychTeacher', orgUnitId: otherSchool.id }]);
    orphanId = await studentWith({ name: '李四' });
    definition = await createDefinition(db, `notify-${uniqueTag()}`, {
      elements: {
        'notify-guardian': { id: 'notify-guardian', type: 'serviceTask', name: '通知监护人和校长' },
      },
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  /**
   * A case at the class, projected, and one notify job of it. Each case is about a student of its
   * own (with the same guardians), unless it names one: a student has one open case of a process.
   */
  async function jobOf(
    headers: Record<string, string>,
    elementId = 'notify-guardian',
    overrides: Partial<InstanceDescriptor> = {},
  ): Promise<JobInput> {
    const student =
      'studentId' in overrides ? overrides.studentId : await studentWith({ name: '张三', guardians });
    const instance = instanceDescriptor(definition, klass, {
      startedBy: psych,
      ...overrides,
      studentId: student ?? null,
    });
    await writeProjectionStep(db, projectionStep(instance, 1), { dataKey: Buffer.alloc(32) });
    const job: JobSpec = {
      jobId: randomUUID(),
      elementId,
      jobType: 'notify',
      retries: 3,
      headers,
      variables: { riskLevel: SECRET, studentName: '张三' },
    };
    return { instance, job };
  }

  const smsOf = (instanceId: string) =>
    db.query(
      `SELECT channel, recipient_sealed, body, state, org_path, row_to_json(m)::text AS json
       FROM outbound_message m WHERE instance_id = $1 ORDER BY idempotency_key`,
      [instanceId],
    );

  const rowsOf = (instanceId: string) =>
    db.query(
      `SELECT recipient_id, kind, title, org_path, task_id, read_at, row_to_json(n)::text AS json
       FROM notification n WHERE instance_id = $1 ORDER BY recipient_id`,
      [instanceId],
    );

  it('notifies the holders of the roles nearest the case and the named users, with no case content', async () => {
    // given a notify job for the psychology teacher and principal, plus one named user
    const input = await jobOf({ recipients: 'psychTeacher, principal', users: classTeacher.username });

    // when it runs
    const result = await notify(input, { db, dataKey: Buffer.alloc(32) });

    // then one notification each, titled with the element name, carrying nothing of the case
    expect(result).toEqual({ variables: {} });
    const rows = await rowsOf(input.instance.instanceId);
    expect(rows.map((r: { recipient_id: string }) => r.recipient_id).sort()).toEqual(
      [psych.id, principal.id, classTeacher.id].sort(),
    );
    expect(rows.map((r: { recipient_id: string }) => r.recipient_id)).not.toContain(otherPsych.id);
    for (const row of rows) {
      expect(row).toMatchObject({
        kind: 'notify',
        title: '通知监护人和校长',
        org_path: klass.orgPath,
        read_at: null,
      });
      expect(row.json).not.toContain(SECRET);
      expect(row.json).not.toContain('张三');
    }
  });

  it('accepts every header its element template (「通知」) writes', async () => {
    // given the headers a lead gets by picking each role the template offers, with and without the rest
    const template = elementTemplates('zh-CN').find((candidate) => candidate.id === 'carepath.notify');
    const recipients = template?.properties.find(
      (property) => property.binding.type === 'zeebe:taskHeader' && property.binding.key === 'recipients',
    );
    const roles = (recipients?.choices ?? []).map((choice) => choice.value);
    expect(roles.length).toBeGreaterThan(3);
    for (const role of roles) {
      const variants: Record<string, string>[] = [
        { recipients: role },
        { recipients: role, users: classTeacher.username, title: '请查看' },
      ];
      for (const headers of variants) {
        // when the handler runs them
        const input = await jobOf(headers);
        const error = await notify(input, { db, dataKey }).then(
          () => undefined,
          (e: unknown) => e,
        );
        // then it never refuses them as misconfigured: it notifies, or (nobody holds the role) retries
        expect({ role, headers, misconfigured: error instanceof ApplicationFailure }).toEqual({
          role,
          headers,
          misconfigured: false,
        });
        if (error) expect((error as Error).message).toContain('nobody to notify');
        else {
          const sent = [
            ...(await rowsOf(input.instance.instanceId)),
            ...(await smsOf(input.instance.instanceId)),
          ];
          expect(sent.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('inserts nothing twice when the job is retried', async () => {
    const input = await jobOf({ recipients: 'psychTeacher' });
    await notify(input, { db, dataKey: Buffer.alloc(32) });
    await notify(input, { db, dataKey: Buffer.alloc(32) });
    expect(await rowsOf(input.instance.instanceId)).toHaveLength(1);
  });

  it('titles with the title header, else the element name, else a generic line', async () => {
    const titled = await jobOf({ recipients: 'psychTeacher', title: '请尽快查看个案' });
    await notify(titled, { db, dataKey: Buffer.alloc(32) });
    expect((await rowsOf(titled.instance.instanceId))[0].title).toBe('请尽快查看个案');

    const unnamed = await jobOf({ recipients: 'psychTeacher' }, 'unnamed-element');
    await notify(unnamed, { db, dataKey: Buffer.alloc(32) });
    expect((await rowsOf(unnamed.instance.instanceId))[0].title).toBe(DEFAULT_NOTIFICATION_TITLE);
  });

  it('fails for good on a misconfigured task: no recipients, or a role that does not exist', async () => {
    const misconfigured: Record<string, string>[] = [
      {},
      { recipients: ' , ' },
      { recipients: 'psychTeacher,headmaster' },
    ];
    for (const headers of misconfigured) {
      const error = await notify(await jobOf(headers), { db, dataKey: Buffer.alloc(32) }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ type: 'JobMisconfigured', nonRetryable: true });
    }
  });

  it('fails retryably when nobody holds the roles, so the case ends in an incident rather than silence', async () => {
    const input = await jobOf({ recipients: 'districtSupervisor' });
    const error = await notify(input, { db, dataKey: Buffer.alloc(32) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toContain('nobody to notify');
    expect(await rowsOf(input.instance.instanceId)).toEqual([]);
  });

  it('never notifies a user off the case’s line: another school’s teacher or an unknown name is an incident', async () => {
    for (const users of [otherPsych.username, 'nobody-by-this-name']) {
      // given a notice naming, besides this school's principal, someone outside it
      const input = await jobOf({ recipients: 'principal', users });
      // when it runs
      const error = await notify(input, { db, dataKey: Buffer.alloc(32) }).catch((e: unknown) => e);
      // then it fails for good, naming them, and nobody was notified
      expect(error).toMatchObject({ type: 'JobMisconfigured', nonRetryable: true });
      expect((error as Error).message).toContain(`'${users}'`);
      expect(await rowsOf(input.instance.instanceId)).toEqual([]);
    }
  });

  describe('to guardians (recipient "guardian")', () => {
    it('queues one SMS per guardian with the fixed content-free text, the number sealed, once however often it runs', async () => {
      // given a notice to the guardians and the principal
      const input = await jobOf({ recipients: 'guardian,principal', title: '请尽快联系' });

      // when it runs twice (a retry)
      await notify(input, { db, dataKey });
      await notify(input, { db, dataKey });

      // then each guardian has one pending SMS saying only that the school will call
      const sms = await smsOf(input.instance.instanceId);
      expect(sms).toHaveLength(2);
      for (const message of sms) {
        expect(message).toMatchObject({
          channel: 'sms',
          body: GUARDIAN_NOTICE_TEXT,
          state: 'pending',
          org_path: klass.orgPath,
        });
        for (const text of [SECRET, '张三', '请尽快联系', ...guardians.map((g) => g.phone)]) {
          expect(message.json).not.toContain(text);
        }
      }
      expect(
        sms.map((m: { recipient_sealed: string }) => decryptJson(dataKey, m.recipient_sealed)).sort(),
      ).toEqual(guardians.map((g) => g.phone).sort());
      // and the principal, a user, gets the in-app notice
      expect(
        (await rowsOf(input.instance.instanceId)).map((r: { recipient_id: string }) => r.recipient_id),
      ).toEqual([principal.id]);
    });

    it('fails retryably when the student has no guardian contact, naming the element and not the student, sending nothing', async () => {
      const input = await jobOf({ recipients: 'guardian,principal' }, 'notify-guardian', {
        studentId: orphanId,
      });
      const error = await notify(input, { db, dataKey }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ApplicationFailure);
      expect((error as Error).message).toContain('notify-guardian');
      expect((error as Error).message).toContain('no guardian contact');
      for (const text of ['李四', orphanId]) expect((error as Error).message).not.toContain(text);
      expect(await smsOf(input.instance.instanceId)).toEqual([]);
      expect(await rowsOf(input.instance.instanceId)).toEqual([]);
    });

    it('fails for good when the case is about no student', async () => {
      const input = await jobOf({ recipients: 'guardian' }, 'notify-guardian', { studentId: null });
      const error = await notify(input, { db, dataKey }).catch((e: unknown) => e);
      expect(error).toMatchObject({ type: 'JobMisconfigured', nonRetryable: true });
    });
  });

  describe('to the care group and the case’s starter', () => {
    it('notifies the care group formed in a called case, from the calling case, while its members stay on the line', async () => {
      // given a case, the return-to-school case it called, and the care group formed there
      const caller = await jobOf({ recipients: 'careGroup' });
      const child = instanceDescriptor(definition, klass, {
        studentId: caller.instance.studentId,
        parent: { instanceId: caller.instance.instanceId, childId: randomUUID() },
      });
      await writeProjectionStep(db, projectionStep(child, 1), { dataKey: Buffer.alloc(32) });
      const peer = await createUser(db, 'peer', [{ role: 'peerMonitor', orgUnitId: klass.id }]);
      const formed = await assignCareGroup(
        {
          instance: child,
          job: {
            jobId: randomUUID(),
            elementId: 'form-care-group',
            jobType: 'assign-care-group',
            retries: 3,
            headers: {},
            variables: {},
          },
        },
        { db, dataKey },
      );
      expect(formed).toEqual({
        variables: { careGroup: [classTeacher.username, peer.username, psych.username].sort() },
      });
      // and the peer monitor has since left for another school
      await db.query(
        `UPDATE role_assignment SET org_unit_id = (SELECT org_unit_id FROM role_assignment WHERE user_id = $2 LIMIT 1) WHERE user_id = $1`,
        [peer.id, otherPsych.id],
      );

      // when the calling case notifies its care group
      await notify(caller, { db, dataKey });

      // then the members still on the line are told, the one who left is not
      expect(
        (await rowsOf(caller.instance.instanceId))
          .map((r: { recipient_id: string }) => r.recipient_id)
          .sort(),
      ).toEqual([classTeacher.id, psych.id].sort());
    });

    it('fails retryably when the case has no care group yet', async () => {
      const error = await notify(await jobOf({ recipients: 'careGroup' }), { db, dataKey }).catch(
        (e: unknown) => e,
      );
      expect(error).not.toBeInstanceOf(ApplicationFailure);
      expect((error as Error).message).toContain('nobody to notify');
    });

    it('notifies who started the case, unless they are off its line', async () => {
      const input = await jobOf({ recipients: 'caseStarter' });
      await notify(input, { db, dataKey });
      expect(
        (await rowsOf(input.instance.instanceId)).map((r: { recipient_id: string }) => r.recipient_id),
      ).toEqual([psych.id]);

      const foreign = await jobOf({ recipients: 'caseStarter' }, 'notify-guardian', {
        startedBy: otherPsych,
      });
      const error = await notify(foreign, { db, dataKey }).catch((e: unknown) => e);
      expect((error as Error).message).toContain('nobody to notify');
      expect(await rowsOf(foreign.instance.instanceId)).toEqual([]);
    });
  });
});
