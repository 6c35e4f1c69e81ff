import { Client as TemporalClient } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { temporalPayloadCodec } from '../../libs/config/src';
import { workflowIdForInstance } from '../../libs/contracts/src';
import {
  caseFamilyKeys,
  createDataSource,
  openForCase,
  readCaseKey,
  sealedKeyId,
} from '../../libs/persistence/src';
import { buildWorld, call, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, message, userTask } from '../support/bpmn-xml';
import { decodeHistoryPayloads, historyContains, payloadsOf } from '../support/history-payloads';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * A key per case, seal and purge, end to end (ADR 0020): what PostgreSQL and the Temporal server
 * store of a case's sensitive values is ciphertext under the case's own key; the api opens it
 * for the case's staff only; a sealed case is read only with a reason; a purged case's content
 * is gone for good while its history still verifies.
 */
let stack: Stack;
let world: World;
let pg: PgClient;
let db: DataSource;
const key = `sealed-file-${unique()}`;
const formId = `assessment-${unique()}`;
const SEALED = /^v2:[0-9a-f]{16}:/;

/** A case: assessment (its form marks selfHarmDetail sensitive) → seal → wait for retention → purge. */
const xml = diagram(
  key,
  `<bpmn:startEvent id="start" />
   ${userTask('assess', { groups: 'psychTeacher', extensions: `<zeebe:formDefinition formId="${formId}" />` })}
   <bpmn:serviceTask id="seal-file" name="封存档案"><bpmn:extensionElements><zeebe:taskDefinition type="seal-case" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:intermediateCatchEvent id="retention"><bpmn:messageEventDefinition messageRef="m-retention" /></bpmn:intermediateCatchEvent>
   <bpmn:serviceTask id="purge-file" name="消档"><bpmn:extensionElements><zeebe:taskDefinition type="purge-case" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end" />`,
  {
    roots: message('m-retention', 'retention-over', '=caseKey'),
    flows: chain('start', 'assess', 'seal-file', 'retention', 'purge-file', 'end'),
  },
);

const form = {
  type: 'default',
  components: [
    {
      type: 'select',
      key: 'riskLevel',
      label: '风险等级',
      values: [
        { value: 'low', label: '低' },
        { value: 'high', label: '高' },
      ],
    },
    { type: 'textarea', key: 'selfHarmDetail', label: '自伤细节', properties: { sensitive: 'true' } },
  ],
};

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
    token: world.adminToken,
    body: { xml, forms: { [formId]: form } },
  });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  pg = new PgClient({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();
  db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
  await db.initialize();
});
afterAll(async () => {
  await pg?.end();
  await db?.destroy();
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  call(stack.baseUrl, method, path, {
    token,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });

/** Every `v2:` value anywhere in the decoded payloads of a history. */
function sealedValuesIn(history: unknown): string[] {
  const text = payloadsOf(history)
    .map((payload) => Buffer.from(payload.data ?? new Uint8Array()).toString('utf8'))
    .join('\n');
  return [...text.matchAll(/v2:[0-9a-f]{16}:[A-Za-z0-9+/]+={0,2}/g)].map((match) => match[0]);
}

async function rawHistory(instanceId: string) {
  const raw = new TemporalClient({
    connection: stack.temporal.connection,
    namespace: stack.config.temporal.namespace,
  });
  return raw.workflow.getHandle(workflowIdForInstance(instanceId)).fetchHistory();
}

/** The case's sensitive values as Temporal holds them, opened with the keys the deployment still has. */
async function openableFromTemporal(instanceId: string): Promise<unknown[]> {
  const decoded = await decodeHistoryPayloads(
    await rawHistory(instanceId),
    temporalPayloadCodec(stack.config.dataKey),
  );
  const keys = await caseFamilyKeys(db.manager, stack.config.dataKey, instanceId);
  return sealedValuesIn(decoded).flatMap((value) => {
    const caseKey = keys.get(sealedKeyId(value) ?? '');
    return caseKey ? [openForCase(caseKey, value)] : [];
  });
}

describe('a key per case, seal and purge', () => {
  const concern = `concern-${unique()}: 说她想消失`;
  const detail = `detail-${unique()}: 手臂上有新的划痕`;
  const reason = `cancel-${unique()}`;
  const caseKey = `ck-${unique()}`;
  let id: string;
  let taskId: string;

  it('keeps the concern and a form-marked field as ciphertext in PostgreSQL and Temporal, plaintext for the case’s psychology teacher', async () => {
    // given a case started with a concern, whose assessment records a sensitive detail
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
      variables: { source: 'teacher', concern, caseKey },
    });
    expect(started.status).toBe(201);
    id = started.body.id;
    const tasks = await api('GET', `/api/tasks?instanceId=${id}`, world.psychA.token);
    taskId = tasks.body.items[0].id;
    const read = await api('GET', `/api/tasks/${taskId}`, world.psychA.token);
    expect(read.body.variables).toMatchObject({ concern, source: 'teacher' });

    // then PostgreSQL holds both sealed, the rest in the clear
    const { rows } = await pg.query(`SELECT variables FROM process_instance WHERE id = $1`, [id]);
    expect(rows[0].variables).toEqual({ source: 'teacher', concern: expect.stringMatching(SEALED), caseKey });
    expect(JSON.stringify(rows)).not.toContain('想消失');

    // and the Temporal server's history has neither in the clear, not even decoded with the deployment key
    const raw = await rawHistory(id);
    expect(historyContains(raw, concern.slice(0, 20))).toBe(false);
    const decoded = await decodeHistoryPayloads(
      await rawHistory(id),
      temporalPayloadCodec(stack.config.dataKey),
    );
    expect(historyContains(decoded, concern.slice(0, 20))).toBe(false);
    expect(historyContains(decoded, caseKey)).toBe(true); // the probe works: non-sensitive values are there
    expect(await openableFromTemporal(id)).toContain(concern); // opened only with the case key
  });

  it('seals the form’s sensitive field on completion, and the api opens it for the school’s staff only', async () => {
    const done = await api('POST', `/api/tasks/${taskId}/complete`, world.psychA.token, {
      variables: { riskLevel: 'high', selfHarmDetail: detail },
    });
    expect(done.status).toBe(200);
    const instance = await eventually(async () => {
      const { rows } = await pg.query(`SELECT variables, sealed_at FROM process_instance WHERE id = $1`, [
        id,
      ]);
      return rows[0].sealed_at ? rows[0] : undefined;
    });
    expect(instance.variables).toMatchObject({
      riskLevel: 'high',
      concern: expect.stringMatching(SEALED),
      selfHarmDetail: expect.stringMatching(SEALED),
    });
    expect(JSON.stringify(instance.variables)).not.toContain('划痕');
    const fromTemporal = await openableFromTemporal(id);
    expect(fromTemporal).toEqual(expect.arrayContaining([concern, detail]));
    const decoded = await decodeHistoryPayloads(
      await rawHistory(id),
      temporalPayloadCodec(stack.config.dataKey),
    );
    expect(historyContains(decoded, detail.slice(0, 20))).toBe(false);

    // another school's psychology teacher: nothing, with or without a reason
    for (const path of [`/api/instances/${id}`, `/api/instances/${id}/history`, `/api/tasks/${taskId}`]) {
      expect((await api('GET', path, world.psychB.token)).status).toBe(404);
      expect((await api('GET', `${path}?reason=audit`, world.psychB.token)).status).toBe(404);
    }
  });

  it('answers the reads of a sealed case only with a reason, recorded with the reader', async () => {
    // without a reason: 403, problem+json naming `reason`, in the reader's language
    for (const path of [`/api/instances/${id}`, `/api/instances/${id}/history`, `/api/tasks/${taskId}`]) {
      const refused = await api('GET', path, world.psychA.token);
      expect(refused.status).toBe(403);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([{ path: 'reason', message: expect.stringContaining('reason') }]);
    }
    const zh = await api('GET', `/api/instances/${id}`, world.psychA.token, undefined, {
      'Accept-Language': 'zh-CN',
    });
    expect(zh.body.detail).toContain('已封存');
    // a blank or overlong reason is a 400 naming it
    for (const bad of ['%20%20', 'x'.repeat(501)]) {
      const refused = await api('GET', `/api/instances/${id}?reason=${bad}`, world.psychA.token);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('reason');
    }
    // with one: the file, opened, and the reason in the access log with the reader
    const why = `家长投诉复核-${unique()}`;
    const read = await api(
      'GET',
      `/api/instances/${id}?reason=${encodeURIComponent(why)}`,
      world.psychA.token,
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ sealedAt: expect.any(String), purgedAt: null });
    expect(read.body.variables).toMatchObject({ concern, selfHarmDetail: detail, riskLevel: 'high' });
    const task = await api(
      'GET',
      `/api/tasks/${taskId}?reason=${encodeURIComponent(why)}`,
      world.psychA.token,
    );
    expect(task.body.variables).toMatchObject({ concern, selfHarmDetail: detail });
    const { rows } = await pg.query(
      `SELECT user_id, resource_type, detail FROM access_log WHERE action = 'case.sealed.read' AND detail ->> 'reason' = $1 ORDER BY id`,
      [why],
    );
    expect(rows).toEqual([
      {
        user_id: world.psychA.id,
        resource_type: 'instance',
        detail: { instanceId: id, read: 'instance', reason: why },
      },
      {
        user_id: world.psychA.id,
        resource_type: 'task',
        detail: { instanceId: id, read: 'task', reason: why },
      },
    ]);
    // and the file is read-only: no cancellation
    const cancel = await api('POST', `/api/instances/${id}/cancel`, world.adminToken, { reason });
    expect(cancel.status).toBe(409);
  });

  it('after purge reads variables as null with purgedAt; who did what remains and the chain verifies', async () => {
    // when the retention period is over
    const sent = await api('POST', '/api/messages', world.psychA.token, {
      name: 'retention-over',
      correlationKey: caseKey,
    });
    expect(sent.body.correlatedInstances).toEqual([id]);
    await eventually(async () => {
      const { rows } = await pg.query(`SELECT state, purged_at FROM process_instance WHERE id = $1`, [id]);
      return rows[0].state === 'completed' && rows[0].purged_at ? true : undefined;
    }, 30_000);

    // then the key is destroyed and the api reads the content as null
    expect(await readCaseKey(db.manager, stack.config.dataKey, id)).toMatchObject({ state: 'destroyed' });
    const read = await api('GET', `/api/instances/${id}?reason=review`, world.adminToken);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ variables: null, purgedAt: expect.any(String), state: 'completed' });
    const task = await api('GET', `/api/tasks/${taskId}?reason=review`, world.psychA.token);
    expect(task.body).toMatchObject({ variables: null, purgedAt: expect.any(String), elementId: 'assess' });
    const history = await api('GET', `/api/instances/${id}/history?reason=review`, world.adminToken);
    expect(history.body.purgedAt).toEqual(expect.any(String));
    const types = history.body.items.map((entry: { type: string }) => entry.type);
    expect(types).toEqual(expect.arrayContaining(['task.completed', 'case.sealed', 'case.purged']));
    const completed = history.body.items.find((entry: { type: string }) => entry.type === 'task.completed');
    expect(completed.actor).toBe(world.psychA.username);
    const verify = await api('GET', `/api/instances/${id}/history/verify`, world.adminToken);
    expect(verify.body).toMatchObject({ valid: true, problems: [] });

    // and what Temporal kept of the sensitive values can no longer be opened by anyone
    const decoded = await decodeHistoryPayloads(
      await rawHistory(id),
      temporalPayloadCodec(stack.config.dataKey),
    );
    expect(sealedValuesIn(decoded).length).toBeGreaterThan(0);
    expect(await openableFromTemporal(id)).toEqual([]);
    expect(historyContains(decoded, concern.slice(0, 20))).toBe(false);
    expect(historyContains(decoded, detail.slice(0, 20))).toBe(false);
  });
});

describe('failures in the Temporal history', () => {
  it('carries failure messages through the payload codec, not in the clear', async () => {
    // given a case whose service task fails for good (a role that does not exist)
    const failing = `failing-${unique()}`;
    const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: {
        xml: diagram(
          failing,
          `<bpmn:startEvent id="start" />
           <bpmn:serviceTask id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="notify" retries="1" />
             <zeebe:taskHeaders><zeebe:header key="users" value="nobody-${unique()}" /></zeebe:taskHeaders>
           </bpmn:extensionElements></bpmn:serviceTask>
           <bpmn:endEvent id="end" />`,
          { flows: chain('start', 'tell', 'end') },
        ),
      },
    });
    expect(deployed.status).toBe(201);
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: failing,
      orgUnitId: world.units.classA,
      variables: {},
    });
    const incidents = await eventually(async () => {
      const found = await api('GET', `/api/incidents?instanceId=${started.body.id}`, world.adminToken);
      return found.body.items.length > 0 ? found.body.items : undefined;
    }, 30_000);
    expect(incidents[0].message).toContain('notify at tell');

    // then the raw history holds the failure, but its message only encoded
    const raw = await rawHistory(started.body.id);
    expect(historyContains(raw, 'notify at tell')).toBe(false);
    expect(historyContains(raw, 'Encoded failure')).toBe(true);
    const decoded = await decodeHistoryPayloads(raw, temporalPayloadCodec(stack.config.dataKey));
    expect(historyContains(decoded, 'notify at tell')).toBe(true);
  });
});
