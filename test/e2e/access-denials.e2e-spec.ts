// Denied cross-scope attempts leave a trace in access_log, capped per user (issue 7, item 13c).
import { DENIALS_LOGGED_PER_MINUTE } from '../../apps/api/src/access-log/access-denials';
import { type ApiHarness, startApiWithoutWorkflows } from '../../apps/api/src/testing/api-without-workflows';
import { buildWorld, createUser, openedTask, type World } from '../../libs/persistence/src/testing';
import { TEST_ADMIN_PASSWORD } from '../support/stack';

jest.setTimeout(60_000);

interface DenialRow {
  action: string;
  resource_type: string;
  resource_id: string | null;
  detail: { method: string; path: string; status: number; note?: string };
}

describe('denials in access_log', () => {
  let api: ApiHarness;
  let world: World;

  beforeAll(async () => {
    api = await startApiWithoutWorkflows({ CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
    world = await buildWorld(api.db, api.dataKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const denials = (userId: string): Promise<DenialRow[]> =>
    api.db.query(
      `SELECT action, resource_type, resource_id, detail FROM access_log
       WHERE user_id = $1 AND action LIKE 'access.denied%' ORDER BY id`,
      [userId],
    );

  it("records school B's teacher reading school A's case and task (404), with who, method, path, status", async () => {
    const task = openedTask(['psychTeacher']);
    const instance = await world.newCase(world.schoolA, { openedTasks: [task] });
    const intruder = await createUser(api.db, 'psych-b', [
      { role: 'psychTeacher', orgUnitId: world.schoolB.id },
    ]);
    expect((await api.call('GET', `/api/instances/${instance.instanceId}`, { as: intruder.id })).status).toBe(
      404,
    );
    expect((await api.call('GET', `/api/tasks/${task.taskId}?x=1`, { as: intruder.id })).status).toBe(404);
    // The case's own staff read it without a denial.
    expect(
      (await api.call('GET', `/api/instances/${instance.instanceId}`, { as: world.psychA.id })).status,
    ).toBe(200);
    expect(await denials(intruder.id)).toEqual([
      {
        action: 'access.denied',
        resource_type: 'instance',
        resource_id: instance.instanceId,
        detail: { method: 'GET', path: `/api/instances/${instance.instanceId}`, status: 404 },
      },
      {
        action: 'access.denied',
        resource_type: 'task',
        resource_id: task.taskId,
        detail: { method: 'GET', path: `/api/tasks/${task.taskId}`, status: 404 },
      },
    ]);
    expect(await denials(world.psychA.id)).toEqual([]);
  });

  it('records a 403 and a 404 for an id that does not exist, but nothing for a caller without a token', async () => {
    const teacher = await createUser(api.db, 'teacher', [
      { role: 'classTeacher', orgUnitId: world.classA.id },
    ]);
    const missing = '00000000-0000-4000-8000-000000000001';
    const forbidden = await api.call('POST', '/api/users', {
      as: teacher.id,
      body: { username: 'x-new-user', password: 'plum blossoms by the library', displayName: 'x', roles: [] },
    });
    expect(forbidden.status).toBe(403);
    expect((await api.call('GET', `/api/students/${missing}`, { as: teacher.id })).status).toBe(404);
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM access_log WHERE user_id IS NULL`))[0]
      .n;
    expect((await api.call('GET', `/api/instances/${missing}`)).status).toBe(401);
    expect(await denials(teacher.id)).toEqual([
      expect.objectContaining({
        resource_type: 'user',
        detail: { method: 'POST', path: '/api/users', status: 403 },
      }),
      expect.objectContaining({
        resource_type: 'student',
        resource_id: missing,
        detail: expect.objectContaining({ status: 404 }),
      }),
    ]);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM access_log WHERE user_id IS NULL`))[0].n).toBe(
      before,
    );
  });

  it(`caps a flood: 200 rapid denials leave ${DENIALS_LOGGED_PER_MINUTE} rows and one saying the rest went unrecorded`, async () => {
    const instance = await world.newCase(world.schoolA);
    const prober = await createUser(api.db, 'prober', [
      { role: 'psychTeacher', orgUnitId: world.schoolB.id },
    ]);
    for (let round = 0; round < 10; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          api.call('GET', `/api/instances/${instance.instanceId}`, { as: prober.id }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(404));
    }
    const rows = await denials(prober.id);
    expect(rows.filter((row) => row.action === 'access.denied')).toHaveLength(DENIALS_LOGGED_PER_MINUTE);
    expect(rows.filter((row) => row.action === 'access.denied-capped')).toEqual([
      {
        action: 'access.denied-capped',
        resource_type: 'instance',
        resource_id: instance.instanceId,
        detail: expect.objectContaining({ status: 404, note: expect.stringContaining('not recorded') }),
      },
    ]);
    expect(rows).toHaveLength(DENIALS_LOGGED_PER_MINUTE + 1);
  });
});
