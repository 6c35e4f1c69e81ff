import { randomUUID } from 'node:crypto';
import type { InstanceDescriptor } from '../../../../libs/contracts/src';
import { buildWorld, type World } from '../../../../libs/persistence/src/testing';
import { type ApiHarness, startApiWithoutWorkflows } from '../testing/api-without-workflows';

// Starting the api and migrating a database take seconds on a busy machine: not the 5 s default.
jest.setTimeout(60_000);

describe('incidents in the api: lists, case summaries and who may retry (real PostgreSQL)', () => {
  let api: ApiHarness;
  let world: World;
  let stuckA: InstanceDescriptor;
  let fineA: InstanceDescriptor;
  let stuckB: InstanceDescriptor;
  const openA = randomUUID();
  const resolvedA = randomUUID();
  const openB = randomUUID();

  const incident = (incidentId: string, message: string) => ({
    incidentId,
    elementId: 'decide-risk',
    message,
    raisedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    api = await startApiWithoutWorkflows();
    world = await buildWorld(api.db, api.dataKey);
    // given a stuck case at school A (one open, one resolved incident), a fine one, and one at B
    stuckA = await world.newCase(world.classA, {
      raisedIncidents: [incident(openA, 'no flow matched'), incident(resolvedA, 'missing riskLevel')],
    });
    await world.project(stuckA, 2, {
      resolvedIncidents: [{ incidentId: resolvedA, at: new Date().toISOString(), actorId: world.psychA.id }],
    });
    fineA = await world.newCase(world.schoolA);
    stuckB = await world.newCase(world.schoolB, { raisedIncidents: [incident(openB, 'no flow matched')] });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('GET /api/incidents', () => {
    it('lists open incidents in the caller’s scope only', async () => {
      const forA = await api.call('GET', `/api/incidents?instanceId=${stuckA.instanceId}`, {
        as: world.psychA.id,
      });
      expect(forA.status).toBe(200);
      expect(forA.body.items).toEqual([
        {
          id: openA,
          instanceId: stuckA.instanceId,
          elementId: 'decide-risk',
          message: 'no flow matched',
          createdAt: expect.any(String),
          state: 'open',
          resolvedAt: null,
        },
      ]);
      const all = await api.call('GET', '/api/incidents?limit=500', { as: world.psychA.id });
      const ids = all.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(openA);
      expect(ids).not.toContain(openB);
      const supervisor = await api.call('GET', '/api/incidents?limit=500', { as: world.supervisor.id });
      expect(supervisor.body.items.map((i: { id: string }) => i.id)).toEqual(
        expect.arrayContaining([openA, openB]),
      );
    });

    it('filters by state, and says nothing to a peer monitor', async () => {
      const resolved = await api.call(
        'GET',
        `/api/incidents?state=resolved&instanceId=${stuckA.instanceId}`,
        {
          as: world.psychA.id,
        },
      );
      expect(resolved.body.items.map((i: { id: string }) => i.id)).toEqual([resolvedA]);
      expect(resolved.body.items[0].resolvedAt).toEqual(expect.any(String));
      const peer = await api.call('GET', '/api/incidents?limit=500', { as: world.peerA.id });
      expect(peer.body.items).toEqual([]);
    });

    it('rejects unknown filters and states', async () => {
      expect((await api.call('GET', '/api/incidents?state=closed', { as: world.psychA.id })).status).toBe(
        400,
      );
      expect((await api.call('GET', '/api/incidents?elementId=x', { as: world.psychA.id })).status).toBe(400);
    });
  });

  describe('cases with incidents', () => {
    it('GET /api/instances?state=incident lists active cases with an open incident, with their count', async () => {
      const response = await api.call('GET', '/api/instances?state=incident&limit=500', {
        as: world.principalA.id,
      });
      expect(response.status).toBe(200);
      const ids = response.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(stuckA.instanceId);
      expect(ids).not.toContain(fineA.instanceId);
      expect(ids).not.toContain(stuckB.instanceId);
      const summary = response.body.items.find((i: { id: string }) => i.id === stuckA.instanceId);
      expect(summary.openIncidents).toBe(1);
    });

    it('GET /api/instances/:id shows the open incidents', async () => {
      const response = await api.call('GET', `/api/instances/${stuckA.instanceId}`, { as: world.psychA.id });
      expect(response.body.openIncidents).toBe(1);
      expect(response.body.incidents).toEqual([
        { id: openA, elementId: 'decide-risk', message: 'no flow matched', createdAt: expect.any(String) },
      ]);
      const fine = await api.call('GET', `/api/instances/${fineA.instanceId}`, { as: world.psychA.id });
      expect(fine.body).toMatchObject({ openIncidents: 0, incidents: [] });
    });
  });

  describe('POST /api/incidents/:id/retry', () => {
    it('is for supervisors: a psychology teacher gets 403, someone outside the scope 404', async () => {
      expect(
        (await api.call('POST', `/api/incidents/${openA}/retry`, { as: world.psychA.id, body: {} })).status,
      ).toBe(403);
      expect(
        (await api.call('POST', `/api/incidents/${openA}/retry`, { as: world.psychB.id, body: {} })).status,
      ).toBe(404);
    });

    it('answers 409 for a resolved incident and lets a supervisor through to the workflow', async () => {
      const resolved = await api.call('POST', `/api/incidents/${resolvedA}/retry`, {
        as: world.principalA.id,
        body: {},
      });
      expect(resolved.status).toBe(409);
      const open = await api.call('POST', `/api/incidents/${openA}/retry`, {
        as: world.principalA.id,
        body: { variables: { riskLevel: 'high' } },
      });
      expect(open.status).toBe(503);
    });

    it('validates the body', async () => {
      const response = await api.call('POST', `/api/incidents/${openA}/retry`, {
        as: world.principalA.id,
        body: { variables: 'high', extra: 1 },
      });
      expect(response.status).toBe(400);
    });
  });
});
