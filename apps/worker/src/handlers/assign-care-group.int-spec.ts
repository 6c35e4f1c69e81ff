import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { InstanceDescriptor, JobInput } from '../../../../libs/contracts/src';
import { elementTemplates } from '../../../../libs/bpmn/src/lint';
import { createDataSource, writeProjectionStep } from '../../../../libs/persistence/src';
import {
  createDefinition,
  createOrgUnit,
  createUser,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from '../../../../libs/persistence/src/testing';
import { assignCareGroup, CARE_GROUP_NOTICE_TITLE } from './assign-care-group';

type Unit = { id: string; orgPath: string };
type Person = { id: string; username: string };

describe('assign-care-group handler (real PostgreSQL)', () => {
  let db: DataSource;
  let school: Unit;
  let grade: Unit;
  let klass: Unit;
  let quietClass: Unit;
  let otherClass: Unit;
  let definition: { id: string; key: string; version: number };
  let classTeacher: Person;
  let psych: Person;
  let peer: Person;
  let quietTeacher: Person;
  let disabledTeacher: Person;
  let outsiders: Person[];
  const SECRET = '复发风险-高';

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const root = await rootUnit(db);
    school = await createOrgUnit(db, root, 'school');
    grade = await createOrgUnit(db, school, 'grade');
    klass = await createOrgUnit(db, grade, 'class');
    quietClass = await createOrgUnit(db, grade, 'class');
    const otherSchool = await createOrgUnit(db, root, 'school');
    otherClass = await createOrgUnit(db, await createOrgUnit(db, otherSchool, 'grade'), 'class');

    classTeacher = await createUser(db, 'ct', [{ role: 'classTeacher', orgUnitId: klass.id }]);
    disabledTeacher = await createUser(db, 'ct-off', [{ role: 'classTeacher', orgUnitId: klass.id }]);
    await db.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [disabledTeacher.id]);
    peer = await createUser(db, 'peer', [{ role: 'peerMonitor', orgUnitId: klass.id }]);
    psych = await createUser(db, 'psych', [{ role: 'psychTeacher', orgUnitId: school.id }]);
    await createUser(db, 'principal', [{ role: 'principal', orgUnitId: school.id }]);
    // a class with a class teacher but no peer monitor of its own
    quietTeacher = await createUser(db, 'ct2', [{ role: 'classTeacher', orgUnitId: quietClass.id }]);
    // the sibling school holds every role, and must never be chosen
    outsiders = [
      await createUser(db, 'x-ct', [{ role: 'classTeacher', orgUnitId: otherClass.id }]),
      await createUser(db, 'x-psych', [{ role: 'psychTeacher', orgUnitId: otherSchool.id }]),
      await createUser(db, 'x-peer', [{ role: 'peerMonitor', orgUnitId: otherClass.id }]),
    ];
    definition = await createDefinition(db, `return-to-school-${uniqueTag()}`, {
      elements: { 'form-care-group': { id: 'form-care-group', type: 'serviceTask', name: '组建关爱小组' } },
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A projected case at `unit`, and one care-group job of it. */
  async function jobOf(
    unit: Unit,
    headers: Record<string, string> = {},
    existing?: InstanceDescriptor,
    elementId = 'form-care-group',
  ): Promise<JobInput> {
    const instance = existing ?? instanceDescriptor(definition, unit);
    if (!existing) await writeProjectionStep(db, projectionStep(instance, 1), { dataKey: Buffer.alloc(32) });
    return {
      instance,
      job: {
        jobId: randomUUID(),
        elementId,
        jobType: 'assign-care-group',
        retries: 3,
        headers,
        variables: { relapseRisk: SECRET },
      },
    };
  }

  const membersOf = async (instanceId: string) =>
    (
      await db.query(
        `SELECT user_id, role FROM care_group_member WHERE instance_id = $1 ORDER BY role, user_id`,
        [instanceId],
      )
    ).map((row: { user_id: string; role: string }) => `${row.role}:${row.user_id}`);
  const noticesOf = (instanceId: string) =>
    db.query(
      `SELECT recipient_id, kind, title, row_to_json(n)::text AS json FROM notification n WHERE instance_id = $1`,
      [instanceId],
    );

  it('records the class teacher, psychology teacher and peer monitor on the case’s line, notifies them, returns their usernames', async () => {
    // given a case at the class, and the template's default headers
    const input = await jobOf(klass, { roles: 'classTeacher,psychTeacher', optionalRoles: 'peerMonitor' });

    // when the care group is formed
    const result = await assignCareGroup(input, { db });

    // then it holds the three nearest holders, never the disabled teacher nor the other school
    expect(result).toEqual({
      variables: { careGroup: [classTeacher.username, peer.username, psych.username].sort() },
    });
    expect(await membersOf(input.instance.instanceId)).toEqual(
      [`classTeacher:${classTeacher.id}`, `peerMonitor:${peer.id}`, `psychTeacher:${psych.id}`].sort(),
    );
    const notices = await noticesOf(input.instance.instanceId);
    expect(notices.map((n: { recipient_id: string }) => n.recipient_id).sort()).toEqual(
      [classTeacher.id, peer.id, psych.id].sort(),
    );
    for (const notice of notices) {
      expect(notice).toMatchObject({ kind: 'care-group', title: '组建关爱小组' });
      expect(notice.json).not.toContain(SECRET);
    }
    const everyone = [
      ...(await membersOf(input.instance.instanceId)),
      ...notices.map((n: { json: string }) => n.json),
    ];
    for (const outsider of [...outsiders, disabledTeacher]) {
      expect(everyone.join(' ')).not.toContain(outsider.id);
    }
  });

  it('records and notifies nothing twice when the job runs again', async () => {
    const input = await jobOf(klass);
    const first = await assignCareGroup(input, { db });
    const second = await assignCareGroup(input, { db });
    expect(second).toEqual(first);
    expect(await membersOf(input.instance.instanceId)).toHaveLength(3);
    expect(await noticesOf(input.instance.instanceId)).toHaveLength(3);
  });

  it('forms the group without a peer monitor when the class has none, never borrowing a sibling class’s', async () => {
    const input = await jobOf(quietClass, {}, undefined, 'unnamed-element');
    const result = await assignCareGroup(input, { db });
    expect(result).toEqual({ variables: { careGroup: [quietTeacher.username, psych.username].sort() } });
    const notices = await noticesOf(input.instance.instanceId);
    expect(notices.map((n: { title: string }) => n.title)).toEqual([
      CARE_GROUP_NOTICE_TITLE,
      CARE_GROUP_NOTICE_TITLE,
    ]);
  });

  it('fails retryably, recording nothing, when nobody on the case’s line holds a required role', async () => {
    // given a class whose school has no class teacher above it (the other school's does not count)
    const lonely = await createOrgUnit(db, await createOrgUnit(db, school, 'grade'), 'class');
    const input = await jobOf(lonely);

    // when it runs
    const error = await assignCareGroup(input, { db }).catch((e: unknown) => e);

    // then Temporal retries it (and the case raises an incident past the retries), naming the role
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect((error as Error).message).toContain('classTeacher');
    expect((error as Error).message).toContain('form-care-group');
    expect(await membersOf(input.instance.instanceId)).toEqual([]);
    expect(await noticesOf(input.instance.instanceId)).toEqual([]);
  });

  it('takes the roles from its headers', async () => {
    const input = await jobOf(klass, {
      roles: 'psychTeacher',
      optionalRoles: '',
      title: '请查看新的关爱任务',
    });
    expect(await assignCareGroup(input, { db })).toEqual({ variables: { careGroup: [psych.username] } });
    expect((await noticesOf(input.instance.instanceId))[0].title).toBe('请查看新的关爱任务');
    // optionalRoles cleared in the modeler (the header left out) means no optional role, not the default
    const cleared = await jobOf(klass, { roles: 'classTeacher' });
    expect(await assignCareGroup(cleared, { db })).toEqual({
      variables: { careGroup: [classTeacher.username] },
    });
    // a peer monitor alone may be asked for as required
    const peers = await jobOf(klass, { roles: 'peerMonitor', optionalRoles: 'gradeLeader' });
    expect(await assignCareGroup(peers, { db })).toEqual({ variables: { careGroup: [peer.username] } });
  });

  it('replaces the group when a later job of the same case forms it again', async () => {
    const input = await jobOf(klass);
    await assignCareGroup(input, { db });
    const again = await jobOf(klass, { roles: 'psychTeacher', optionalRoles: '' }, input.instance);
    await assignCareGroup(again, { db });
    expect(await membersOf(input.instance.instanceId)).toEqual([`psychTeacher:${psych.id}`]);
  });

  it('fails for good on a misconfigured task: no roles, an unknown role, or admin', async () => {
    const misconfigured: Record<string, string>[] = [
      { roles: '', optionalRoles: '' },
      { roles: ' , ' },
      { optionalRoles: 'peerMonitor' },
      { roles: 'classTeacher,headmaster' },
      { roles: 'classTeacher', optionalRoles: 'admin' },
    ];
    for (const headers of misconfigured) {
      const input = await jobOf(klass, headers);
      const error = await assignCareGroup(input, { db }).catch((e: unknown) => e);
      expect(error).toMatchObject({ type: 'JobMisconfigured', nonRetryable: true });
      expect(await membersOf(input.instance.instanceId)).toEqual([]);
    }
  });

  it('accepts the headers its element template (「组建关爱小组」) writes', async () => {
    const template = elementTemplates('zh-CN').find(
      (candidate) => candidate.id === 'carepath.assign-care-group',
    );
    const headers = Object.fromEntries(
      (template?.properties ?? []).flatMap((property) =>
        property.binding.type === 'zeebe:taskHeader' && property.value !== undefined
          ? [[property.binding.key, property.value]]
          : [],
      ),
    );
    expect(Object.keys(headers).sort()).toEqual(['optionalRoles', 'roles']);
    const result = await assignCareGroup(await jobOf(klass, headers), { db });
    expect(result).toEqual({
      variables: { careGroup: [classTeacher.username, peer.username, psych.username].sort() },
    });
  });
});
