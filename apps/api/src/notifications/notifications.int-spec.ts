import { randomUUID } from 'node:crypto';
import { recordNotifications } from '../../../../libs/persistence/src';
import { buildWorld, type World } from '../../../../libs/persistence/src/testing';
import { type ApiHarness, startApiWithoutWorkflows } from '../testing/api-without-workflows';

// Starting the api and migrating a database take seconds on a busy machine: not the 5 s default.
jest.setTimeout(60_000);

describe('GET /api/notifications and POST /api/notifications/:id/read (real PostgreSQL)', () => {
  let api: ApiHarness;
  let world: World;
  let instanceId: string;

  beforeAll(async () => {
    api = await startApiWithoutWorkflows();
    world = await buildWorld(api.db, api.dataKey);
    instanceId = (await world.newCase(world.classA)).instanceId;
  });
  afterAll(async () => {
    await api?.close();
  });

  const notify = async (recipientIds: string[], title: string) => {
    await recordNotifications(api.db.manager, {
      recipientIds,
      instanceId,
      taskId: null,
      kind: 'notify',
      orgPath: world.classA.orgPath,
      title,
      idempotencyKey: `test:${randomUUID()}`,
    });
    const rows = await api.db.query(`SELECT id FROM notification WHERE title = $1 AND recipient_id = $2`, [
      title,
      recipientIds[0],
    ]);
    return rows[0].id as string;
  };

  it('lists the caller’s own notifications, newest first, and only unread ones on request', async () => {
    // given two notifications for the teacher and one for the psychology teacher
    const first = await notify([world.teacherA.id, world.psychA.id], '通知一');
    await api.db.query(
      `UPDATE notification SET created_at = created_at - interval '1 minute' WHERE id = $1`,
      [first],
    );
    const second = await notify([world.teacherA.id], '通知二');

    // then the teacher sees exactly their two, newest first
    const list = await api.call('GET', '/api/notifications', { as: world.teacherA.id });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: second,
        kind: 'notify',
        title: '通知二',
        instanceId,
        taskId: null,
        orgPath: world.classA.orgPath,
        createdAt: expect.any(String),
        readAt: null,
      },
      expect.objectContaining({ id: first, title: '通知一' }),
    ]);

    // when one is read, the unread filter leaves it out
    const read = await api.call('POST', `/api/notifications/${first}/read`, { as: world.teacherA.id });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await api.call('POST', `/api/notifications/${first}/read`, { as: world.teacherA.id });
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = await api.call('GET', '/api/notifications?unread=true', { as: world.teacherA.id });
    expect(unread.body.items.map((n: { id: string }) => n.id)).toEqual([second]);
  });

  it('keeps other people’s notifications out of reach (404)', async () => {
    const mine = await notify([world.psychA.id], '只给心理老师');
    const response = await api.call('POST', `/api/notifications/${mine}/read`, { as: world.teacherA.id });
    expect(response.status).toBe(404);
    const list = await api.call('GET', '/api/notifications', { as: world.teacherA.id });
    expect(list.body.items.map((n: { id: string }) => n.id)).not.toContain(mine);
  });

  it('rejects unknown filters', async () => {
    expect((await api.call('GET', '/api/notifications?unread=maybe', { as: world.teacherA.id })).status).toBe(
      400,
    );
    expect((await api.call('GET', '/api/notifications?all=true', { as: world.teacherA.id })).status).toBe(
      400,
    );
  });
});
