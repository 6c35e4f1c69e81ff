import { Client } from '@temporalio/client';
import { workflowIdForInstance } from '../../libs/contracts/src';
import { ENCRYPTED_ENCODING, temporalPayloadCodec } from '../../libs/config/src';
import { buildWorld, call, deploySingleTask, unique, type World } from '../support/api-client';
import { decodeHistoryPayloads, historyContains, payloadsOf } from '../support/history-payloads';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  await deploySingleTask(stack, world.adminToken);
});
afterAll(async () => {
  await stack?.close();
});

describe('case content in Temporal is ciphertext (the payload codec, ADR 0005)', () => {
  it('keeps a case’s concern out of the history the Temporal server stores, while the api reads it', async () => {
    // given a case started over HTTP with a concern, and a task completed with a note
    const concern = `concern-${unique()}: says she wants to disappear`;
    const note = `note-${unique()}: talked with the mother`;
    const started = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: {
        definitionKey: 'initial-assessment',
        orgUnitId: world.units.classA,
        variables: { source: 'teacher', concern },
      },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const tasks = await call(stack.baseUrl, 'GET', `/api/tasks?instanceId=${id}`, {
      token: world.psychA.token,
    });
    const completed = await call(stack.baseUrl, 'POST', `/api/tasks/${tasks.body.items[0].id}/complete`, {
      token: world.psychA.token,
      body: { variables: { riskLevel: 'low', note } },
    });
    expect(completed.status).toBe(200);

    // then the api (through the worker, which decodes what the api sealed) shows the content
    const read = await call(stack.baseUrl, 'GET', `/api/instances/${id}`, { token: world.psychA.token });
    expect(read.body.variables).toEqual({ source: 'teacher', concern, riskLevel: 'low', note });

    // and a client without the codec, reading what the server stores, finds neither anywhere
    const raw = new Client({
      connection: stack.temporal.connection,
      namespace: stack.config.temporal.namespace,
    });
    const history = await raw.workflow.getHandle(workflowIdForInstance(id)).fetchHistory();
    const payloads = payloadsOf(history);
    expect(payloads.length).toBeGreaterThan(4);
    expect(
      payloads
        .map((payload) => Buffer.from(payload.metadata!.encoding!).toString())
        .filter((e) => e !== ENCRYPTED_ENCODING),
    ).toEqual([]);
    expect(historyContains(history, concern.slice(0, 20))).toBe(false);
    expect(historyContains(history, note.slice(0, 17))).toBe(false);
    expect(historyContains(history, 'riskLevel')).toBe(false);

    // while the same history, decoded with the deployment's key, holds the note (the probe
    // works) but the concern, a sensitive variable, only sealed with the case's key (ADR 0020)
    const decoded = await decodeHistoryPayloads(history, temporalPayloadCodec(stack.config.dataKey));
    expect(historyContains(decoded, note)).toBe(true);
    expect(historyContains(decoded, concern.slice(0, 20))).toBe(false);
  });
});
