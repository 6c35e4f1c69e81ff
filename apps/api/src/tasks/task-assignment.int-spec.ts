import { buildWorld, openedTask, type World } from '../../../../libs/persistence/src/testing';
import { type ApiHarness, startApiWithoutWorkflows } from '../testing/api-without-workflows';

/**
 * Claim, unclaim and assign decide who may act before any Update is sent; with no Temporal
 * behind the api, a request that passes every check answers 503.
 */
// Starting the api and migrating a database take seconds on a busy machine: not the 5 s default.
jest.setTimeout(60_000);

describe('task claim, unclaim and assign: the checks before the workflow (real PostgreSQL)', () => {
  let api: ApiHarness;
  let world: World;

  beforeAll(async () => {
    api = await startApiWithoutWorkflows();
    world = await buildWorld(api.db, api.dataKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function taskAtClassA(overrides: Parameters<typeof openedTask>[1] = {}) {
    const task = openedTask(['classTeacher'], overrides);
    await world.newCase(world.classA, { openedTasks: [task] });
    return task.taskId;
  }

  describe('POST /api/tasks/:id/claim', () => {
    it('refuses a user who is not a candidate (403) and one outside the scope (404)', async () => {
      const taskId = await taskAtClassA();
      expect((await api.call('POST', `/api/tasks/${taskId}/claim`, { as: world.psychA.id })).status).toBe(
        403,
      );
      expect((await api.call('POST', `/api/tasks/${taskId}/claim`, { as: world.psychB.id })).status).toBe(
        404,
      );
    });

    it('answers 409 when someone else holds the task, and the task itself when the caller does', async () => {
      const held = await taskAtClassA({ assignee: world.psychA.username });
      const conflict = await api.call('POST', `/api/tasks/${held}/claim`, { as: world.teacherA.id });
      expect(conflict.status).toBe(409);
      expect(conflict.body.detail).toContain('claimed by someone else');

      const own = await taskAtClassA({ assignee: world.teacherA.username });
      const noop = await api.call('POST', `/api/tasks/${own}/claim`, { as: world.teacherA.id });
      expect(noop.status).toBe(200);
      expect(noop.body).toMatchObject({ id: own, assignee: world.teacherA.username, state: 'open' });
    });

    it('answers 409 for a task that is not open', async () => {
      const taskId = await taskAtClassA();
      await api.db.query(`UPDATE user_task SET state = 'completed' WHERE id = $1`, [taskId]);
      expect((await api.call('POST', `/api/tasks/${taskId}/claim`, { as: world.teacherA.id })).status).toBe(
        409,
      );
    });

    it('lets a candidate through to the workflow (503 while Temporal is unreachable)', async () => {
      const taskId = await taskAtClassA();
      expect((await api.call('POST', `/api/tasks/${taskId}/claim`, { as: world.teacherA.id })).status).toBe(
        503,
      );
    });
  });

  describe('POST /api/tasks/:id/unclaim', () => {
    it('is for the assignee or a supervisor: anyone else gets 403', async () => {
      const taskId = await taskAtClassA({ assignee: world.teacherA.username });
      expect((await api.call('POST', `/api/tasks/${taskId}/unclaim`, { as: world.psychA.id })).status).toBe(
        403,
      );
      expect((await api.call('POST', `/api/tasks/${taskId}/unclaim`, { as: world.teacherA.id })).status).toBe(
        503,
      );
      expect(
        (await api.call('POST', `/api/tasks/${taskId}/unclaim`, { as: world.principalA.id })).status,
      ).toBe(503);
    });

    it('returns an unassigned task unchanged', async () => {
      const taskId = await taskAtClassA();
      const response = await api.call('POST', `/api/tasks/${taskId}/unclaim`, { as: world.teacherA.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: taskId, assignee: null });
    });
  });

  describe('POST /api/tasks/:id/assign', () => {
    it('is for supervisors above the case only', async () => {
      const taskId = await taskAtClassA();
      const body = { userId: world.teacherA.id };
      expect(
        (await api.call('POST', `/api/tasks/${taskId}/assign`, { as: world.teacherA.id, body })).status,
      ).toBe(403);
      expect(
        (await api.call('POST', `/api/tasks/${taskId}/assign`, { as: world.psychA.id, body })).status,
      ).toBe(403);
      expect(
        (await api.call('POST', `/api/tasks/${taskId}/assign`, { as: world.principalA.id, body })).status,
      ).toBe(503);
      expect(
        (await api.call('POST', `/api/tasks/${taskId}/assign`, { as: world.supervisor.id, body })).status,
      ).toBe(503);
    });

    it('refuses an assignee who may not see the task, or who is disabled (400 naming userId)', async () => {
      const taskId = await taskAtClassA();
      const outsider = await api.call('POST', `/api/tasks/${taskId}/assign`, {
        as: world.principalA.id,
        body: { userId: world.psychB.id },
      });
      expect(outsider.status).toBe(400);
      expect(outsider.body.errors).toEqual([{ path: 'userId', message: expect.any(String) }]);

      await api.db.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [world.psychA.id]);
      try {
        const disabled = await api.call('POST', `/api/tasks/${taskId}/assign`, {
          as: world.principalA.id,
          body: { userId: world.psychA.id },
        });
        expect(disabled.status).toBe(400);
      } finally {
        await api.db.query(`UPDATE app_user SET disabled = false WHERE id = $1`, [world.psychA.id]);
      }
    });

    it('accepts a candidate without a case-viewing role (a peer monitor offered the task)', async () => {
      const taskId = await taskAtClassA({ candidateUsers: [world.peerA.username] });
      const response = await api.call('POST', `/api/tasks/${taskId}/assign`, {
        as: world.principalA.id,
        body: { userId: world.peerA.id },
      });
      expect(response.status).toBe(503);
    });

    it('returns the task unchanged when it already has that assignee', async () => {
      const taskId = await taskAtClassA({ assignee: world.teacherA.username });
      const response = await api.call('POST', `/api/tasks/${taskId}/assign`, {
        as: world.principalA.id,
        body: { userId: world.teacherA.id },
      });
      expect(response.status).toBe(200);
      expect(response.body.assignee).toBe(world.teacherA.username);
    });

    it('validates the body: userId must be a uuid and nothing else may be sent', async () => {
      const taskId = await taskAtClassA();
      for (const body of [{}, { userId: 'teacher' }, { userId: world.teacherA.id, note: 'x' }]) {
        const response = await api.call('POST', `/api/tasks/${taskId}/assign`, {
          as: world.principalA.id,
          body,
        });
        expect(response.status).toBe(400);
      }
    });
  });
});
