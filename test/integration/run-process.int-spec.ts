import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import {
  COMPLETE_TASK_UPDATE,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { fixture } from '../support/api-client';
import { type CaseHarness, startCaseHarness, workflowCode } from '../support/case-harness';

jest.setTimeout(120_000);

const HISTORIES = join(__dirname, '..', 'histories');

describe('runProcess on the real Temporal server and PostgreSQL', () => {
  let harness: CaseHarness;

  beforeAll(async () => {
    harness = await startCaseHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('survives the worker being stopped mid-case and replays its recorded history unchanged', async () => {
    // given a case waiting at its user task
    const input = harness.input(await harness.deploy(fixture('single-task.bpmn')), { source: 'parent' });
    const { instanceId } = input.instance;
    const { db, env, taskQueue } = harness;
    const first = await harness.newWorker();
    const handle = await first.runUntil(async () => {
      const started = await env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId: workflowIdForInstance(instanceId),
        taskQueue,
        args: [input],
      });
      await started.executeUpdate(SYNC_UPDATE, { args: [] });
      return started;
    });
    const [task] = await db.query(`SELECT id, state FROM user_task WHERE instance_id = $1`, [instanceId]);
    expect(task.state).toBe('open');

    // when the worker is gone and a new one takes over
    const second = await harness.newWorker();
    const result = await second.runUntil(async () => {
      await handle.executeUpdate(COMPLETE_TASK_UPDATE, {
        args: [{ taskId: task.id, variables: { riskLevel: 'high' }, actor: harness.actor }],
      });
      return handle.result();
    });

    // then the case finished exactly once, with nothing lost
    expect(result).toEqual({
      state: 'completed',
      steps: 2,
      variables: { source: 'parent', riskLevel: 'high' },
    });
    const [instance] = await db.query(
      `SELECT state, variables, last_step FROM process_instance WHERE id = $1`,
      [instanceId],
    );
    expect(instance).toEqual({
      state: 'completed',
      variables: { source: 'parent', riskLevel: 'high' },
      last_step: 2,
    });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE instance_id = $1`, [
      instanceId,
    ]);
    expect(n).toBe(10);

    // and its history replays on the current workflow code
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory(
      { ...workflowCode, dataConverter: harness.dataConverter },
      history,
      handle.workflowId,
    );
    if (process.env.RECORD_HISTORIES === '1') {
      writeFileSync(
        join(HISTORIES, 'single-task-completed.json'),
        historyToJSON(await harness.plainHistory(history)),
      );
    }
  });

  // With the payload codec, as the worker runs: cases started before it existed must go on.
  it('replays every recorded history in test/histories (interpreter changes stay replay-safe)', async () => {
    const files = existsSync(HISTORIES) ? readdirSync(HISTORIES).filter((f) => f.endsWith('.json')) : [];
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: file,
      history: JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')),
    }));
    const replays = Worker.runReplayHistories(
      { ...workflowCode, dataConverter: harness.dataConverter },
      histories,
    );
    for await (const result of replays) {
      expect({ workflowId: result.workflowId, error: result.error?.message }).toEqual({
        workflowId: result.workflowId,
        error: undefined,
      });
    }
  });
});
