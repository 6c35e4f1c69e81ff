import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createProcessActivities } from '../../apps/worker/src/process.activities';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-worker';
import { compileProcess } from '../../libs/bpmn/src';
import type { ProcessModel } from '../../libs/bpmn/src/model';
import {
  COMPLETE_TASK_UPDATE,
  RUN_PROCESS_WORKFLOW,
  type RunProcessInput,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src/process-workflow';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { fixture } from '../support/api-client';
import { temporalCliPath } from '../support/temporal-cli';

jest.setTimeout(120_000);

const HISTORIES = join(__dirname, '..', 'histories');
const workflowsPath = require.resolve('../../workflows/src');

describe('runProcess on the real Temporal server and PostgreSQL', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let model: ProcessModel;
  let definitionId: string;
  let orgUnitId: string;
  let actorId: string;
  const taskQueue = `run-process-${randomUUID()}`;

  beforeAll(async () => {
    installTemporalRuntime('silent');
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: temporalCliPath() },
        extraArgs: ['--log-level', 'error'],
      },
    });
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const compiled = await compileProcess(fixture('single-task.bpmn'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    model = compiled.model;
    await db.query(
      `INSERT INTO org_unit (kind, name, code, org_path) VALUES ('root','r','root','/root') ON CONFLICT DO NOTHING`,
    );
    [{ id: orgUnitId }] = await db.query(`SELECT id FROM org_unit WHERE org_path = '/root'`);
    [{ id: actorId }] = await db.query(
      `INSERT INTO app_user (username, password_hash, display_name) VALUES ($1, 'x', 'Psych') RETURNING id`,
      [`psych-${randomUUID()}`],
    );
    [{ id: definitionId }] = await db.query(
      `INSERT INTO process_definition (key, version, xml, model, sha256) VALUES ($1, 1, '<x/>', $2, 'h') RETURNING id`,
      [`it-${randomUUID()}`, JSON.stringify(model)],
    );
  });
  afterAll(async () => {
    await db?.destroy();
    await env?.teardown();
  });

  const newWorker = () =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities: createProcessActivities({ dataSource: db, dataKey: randomBytes(32) }),
    });

  it('survives the worker being stopped mid-case and replays its recorded history unchanged', async () => {
    // given a case waiting at its user task
    const instanceId = randomUUID();
    const input: RunProcessInput = {
      instance: {
        instanceId,
        definitionId,
        definitionKey: model.id,
        definitionVersion: 1,
        businessKey: null,
        orgUnitId,
        orgPath: '/root',
        studentId: null,
        startedBy: null,
      },
      model,
      variables: { source: 'parent' },
    };
    const first = await newWorker();
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
    const second = await newWorker();
    const result = await second.runUntil(async () => {
      await handle.executeUpdate(COMPLETE_TASK_UPDATE, {
        args: [
          { taskId: task.id, variables: { riskLevel: 'high' }, actor: { id: actorId, username: 'psych' } },
        ],
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
    await Worker.runReplayHistory({ workflowsPath }, history, handle.workflowId);
    if (process.env.RECORD_HISTORIES === '1') {
      writeFileSync(join(HISTORIES, 'single-task-completed.json'), historyToJSON(history));
    }
  });

  it('replays every recorded history in test/histories (interpreter changes stay replay-safe)', async () => {
    const files = existsSync(HISTORIES) ? readdirSync(HISTORIES).filter((f) => f.endsWith('.json')) : [];
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: file,
      history: JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')),
    }));
    for await (const result of Worker.runReplayHistories({ workflowsPath }, histories)) {
      expect({ workflowId: result.workflowId, error: result.error?.message }).toEqual({
        workflowId: result.workflowId,
        error: undefined,
      });
    }
  });
});
