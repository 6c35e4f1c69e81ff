import { randomUUID } from 'node:crypto';
import {
  buildWorld,
  createDefinition,
  uniqueTag,
  type World,
} from '../../../../libs/persistence/src/testing';
import { type ApiHarness, startApiWithoutWorkflows } from '../testing/api-without-workflows';

/**
 * POST /api/messages up to the workflow: what is buffered where, who may publish, validation.
 * Correlating and starting need Temporal; here they show as 503 (they reached the workflow).
 */
// Starting the api and migrating a database take seconds on a busy machine: not the 5 s default.
jest.setTimeout(60_000);

describe('POST /api/messages without workflows (real PostgreSQL)', () => {
  let api: ApiHarness;
  let world: World;

  beforeAll(async () => {
    api = await startApiWithoutWorkflows();
    world = await buildWorld(api.db, api.dataKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const message = (overrides: Record<string, unknown> = {}) => ({
    name: `hospital-feedback-${uniqueTag()}`,
    correlationKey: `student-${uniqueTag()}`,
    ...overrides,
  });
  const buffered = (correlationKey: string) =>
    api.db.query(
      `SELECT org_path, variables, created_by, expires_at - created_at AS ttl FROM message_buffer WHERE correlation_key = $1`,
      [correlationKey],
    );

  it('answers an empty list when nothing waits and no time to live is given; nothing is kept', async () => {
    const body = message({ variables: { outcome: 'admitted' } });
    const response = await api.call('POST', '/api/messages', { as: world.psychA.id, body });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ correlatedInstances: [], buffered: false });
    expect(await buffered(body.correlationKey)).toEqual([]);
  });

  it('buffers a message with a time to live, sealed, at the caller’s unit or the one named', async () => {
    // when the psychology teacher of school A publishes with a time to live
    const body = message({ variables: { outcome: 'admitted' }, timeToLive: 'PT1H' });
    const response = await api.call('POST', '/api/messages', { as: world.psychA.id, body });

    // then it is kept for an hour, offered to school A, its variables unreadable at rest
    expect(response.body).toEqual({ correlatedInstances: [], buffered: true });
    const [row] = await buffered(body.correlationKey);
    expect(row).toMatchObject({ org_path: world.schoolA.orgPath, created_by: world.psychA.id });
    expect(row.ttl).toEqual(expect.objectContaining({ hours: 1 }));
    expect(row.variables).toMatch(/^v1:/);
    expect(row.variables).not.toContain('admitted');

    const atClass = message({ timeToLive: 'P30D', orgUnitId: world.classA.id });
    await api.call('POST', '/api/messages', { as: world.psychA.id, body: atClass });
    expect((await buffered(atClass.correlationKey))[0].org_path).toBe(world.classA.orgPath);
  });

  it('does not reach a waiting case outside the caller’s scope: it buffers instead', async () => {
    const body = message({ timeToLive: 'PT10M' });
    await world.newCase(world.schoolB, {
      openedSubscriptions: [
        {
          subscriptionId: randomUUID(),
          elementId: 'wait',
          messageName: body.name,
          correlationKey: body.correlationKey,
          openedAt: new Date().toISOString(),
        },
      ],
    });
    const response = await api.call('POST', '/api/messages', { as: world.psychA.id, body });
    expect(response.body.buffered).toBe(true);
  });

  it('sends the message to a waiting case in scope (503 while Temporal is unreachable)', async () => {
    const body = message({ timeToLive: 'PT10M' });
    await world.newCase(world.classA, {
      openedSubscriptions: [
        {
          subscriptionId: randomUUID(),
          elementId: 'wait',
          messageName: body.name,
          correlationKey: body.correlationKey,
          openedAt: new Date().toISOString(),
        },
      ],
    });
    const response = await api.call('POST', '/api/messages', { as: world.psychA.id, body });
    expect(response.status).toBe(503);
    expect(await buffered(body.correlationKey)).toEqual([]);
  });

  it('starts a case of a process with a matching message start event (503 while Temporal is unreachable)', async () => {
    const body = message();
    await createDefinition(api.db, `message-start-${uniqueTag()}`, {
      elements: {
        concern: {
          id: 'concern',
          type: 'startEvent',
          incoming: [],
          outgoing: [],
          interrupting: true,
          trigger: { kind: 'message', messageName: body.name },
        },
      },
      triggeredStartEventIds: ['concern'],
    });
    const outOfScope = await api.call('POST', '/api/messages', {
      as: world.psychA.id,
      body: { ...body, orgUnitId: world.schoolB.id },
    });
    expect(outOfScope.status).toBe(403);
    const response = await api.call('POST', '/api/messages', { as: world.psychA.id, body });
    expect(response.status).toBe(503);
  });

  it('is for case-viewing roles within their scope', async () => {
    expect((await api.call('POST', '/api/messages', { as: world.peerA.id, body: message() })).status).toBe(
      403,
    );
    const elsewhere = message({ timeToLive: 'PT1H', orgUnitId: world.schoolB.id });
    expect((await api.call('POST', '/api/messages', { as: world.psychA.id, body: elsewhere })).status).toBe(
      403,
    );
    const unknown = message({ timeToLive: 'PT1H', orgUnitId: randomUUID() });
    expect((await api.call('POST', '/api/messages', { as: world.psychA.id, body: unknown })).status).toBe(
      404,
    );
  });

  it('validates the body: the time to live is an ISO 8601 duration up to P30D, unknown fields are refused', async () => {
    for (const [body, path] of [
      [message({ timeToLive: 'P31D' }), 'timeToLive'],
      [message({ timeToLive: 'P1M' }), 'timeToLive'],
      [message({ timeToLive: '1 hour' }), 'timeToLive'],
      [message({ name: '' }), 'name'],
      [{ name: 'x' }, 'correlationKey'],
      [message({ variables: [1, 2] }), 'variables'],
      [message({ priority: 1 }), 'priority'],
    ] as const) {
      const response = await api.call('POST', '/api/messages', { as: world.psychA.id, body });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});
