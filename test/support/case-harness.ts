import { randomBytes, randomUUID } from 'node:crypto';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createProcessActivities } from '../../apps/worker/src/process.activities';
import type { JobHandler } from '../../apps/worker/src/handlers/job-handler';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-worker';
import { workflowBundlerOptions } from '../../apps/worker/src/workflow-bundle';
import { compileProcess, type ProcessModel } from '../../libs/bpmn/src';
import { temporalDataConverter, temporalPayloadCodec } from '../../libs/config/src';
import type { ProcessActivities, RunProcessInput } from '../../libs/contracts/src';
import type { Variables } from '../../libs/engine/src';
import { createDataSource } from '../../libs/persistence/src';
import { decodeHistoryPayloads } from './history-payloads';
import { temporalCliPath } from './temporal-cli';

export const workflowsPath = require.resolve('../../workflows/src');

/** The workflow code as the worker bundles it (its bundler options too): for test workers and replays. */
export const workflowCode = { workflowsPath, bundlerOptions: workflowBundlerOptions() };

export interface WorkerOptions {
  handlers?: Readonly<Record<string, JobHandler>>;
  wrap?: (activities: ProcessActivities) => ProcessActivities;
}

/**
 * The real Temporal dev server and the test database, without the api: for integration tests
 * that drive `runProcess` directly and look at what it wrote.
 */
export interface CaseHarness {
  env: TestWorkflowEnvironment;
  db: DataSource;
  orgUnitId: string;
  actor: { id: string; username: string };
  taskQueue: string;
  /** The payload codec's converter, as the api and worker use it: for replaying live histories. */
  dataConverter: DataConverter;
  /** A fetched history with its payloads decoded: what RECORD_HISTORIES=1 writes. */
  plainHistory<T>(history: T): Promise<T>;
  /** A worker on the harness's queue; tests may replace service handlers or wrap activities. */
  newWorker(options?: WorkerOptions): Promise<Worker>;
  /** Compiles the XML and stores it as a definition (so call activities can find it). */
  deploy(xml: string): Promise<{ model: ProcessModel; definitionId: string }>;
  input(deployed: { model: ProcessModel; definitionId: string }, variables?: Variables): RunProcessInput;
  close(): Promise<void>;
}

export async function startCaseHarness(): Promise<CaseHarness> {
  installTemporalRuntime('silent');
  const dataKey = randomBytes(32);
  // The client and the workers seal payloads as the api and the worker do.
  const dataConverter = temporalDataConverter(dataKey);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      extraArgs: ['--log-level', 'error'],
    },
    client: { dataConverter },
  });
  const db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
  await db.initialize();
  await db.query(
    `INSERT INTO org_unit (kind, name, code, org_path) VALUES ('root','r','root','/root') ON CONFLICT DO NOTHING`,
  );
  const [{ id: orgUnitId }] = await db.query(`SELECT id FROM org_unit WHERE org_path = '/root'`);
  const username = `psych-${randomUUID()}`;
  const [{ id: actorId }] = await db.query(
    `INSERT INTO app_user (username, password_hash, display_name) VALUES ($1, 'x', 'Psych') RETURNING id`,
    [username],
  );
  const taskQueue = `cases-${randomUUID()}`;
  return {
    env,
    db,
    orgUnitId,
    actor: { id: actorId, username },
    taskQueue,
    dataConverter,
    plainHistory: (history) => decodeHistoryPayloads(history, temporalPayloadCodec(dataKey)),
    newWorker: (options = {}) => {
      const real = createProcessActivities({
        dataSource: db,
        dataKey,
        ...(options.handlers ? { handlers: options.handlers } : {}),
      });
      const activities = options.wrap ? options.wrap(real) : real;
      return Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        ...workflowCode,
        activities,
        dataConverter,
      });
    },
    async deploy(xml) {
      const compiled = await compileProcess(xml);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
      const { model } = compiled;
      const [{ version }] = await db.query(
        `SELECT COALESCE(max(version), 0) + 1 AS version FROM process_definition WHERE key = $1`,
        [model.id],
      );
      const [{ id: definitionId }] = await db.query(
        `INSERT INTO process_definition (key, version, xml, model, sha256, owner_unit_id)
         VALUES ($1, $2, $3, $4, $5, (SELECT id FROM org_unit WHERE parent_id IS NULL)) RETURNING id`,
        [model.id, version, xml, JSON.stringify(model), randomUUID()],
      );
      return { model, definitionId };
    },
    input({ model, definitionId }, variables = {}) {
      return {
        instance: {
          instanceId: randomUUID(),
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
        variables,
      };
    },
    async close() {
      await db?.destroy();
      await env?.teardown();
    },
  };
}
