import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-worker';
import type { InstanceDescriptor, RunProcessInput } from '../../libs/contracts/src/process-workflow';
import type { ProcessModel } from '../../libs/bpmn/src/model';
import type { Variables } from '../../libs/engine/src/types';
import { temporalCliPath } from '../../test/support/temporal-cli';
import { stubActivities, type TaskInbox } from './stub-activities';

/**
 * The real Temporal dev server (the project's CLI), as the integration tests start it.
 * `dynamicConfig` sets server knobs (`--dynamic-config-value key=json`), for a bench that says so.
 */
export async function startTemporal(dynamicConfig: Record<string, unknown> = {}): Promise<TestWorkflowEnvironment> {
  installTemporalRuntime('silent');
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      extraArgs: [
        '--log-level',
        'error',
        ...Object.entries(dynamicConfig).flatMap(([key, value]) => [
          '--dynamic-config-value',
          `${key}=${JSON.stringify(value)}`,
        ]),
      ],
    },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** bench/workflows bundled once per run (runProcess as shipped, plus the hand-written yardstick). */
function benchBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => console.warn(message),
      error: (message) => console.error(message),
    },
  });
  return bundle;
}

/** A worker on its own task queue running the bench workflows with stub activities. */
export async function createBenchWorker(
  env: TestWorkflowEnvironment,
  inbox?: TaskInbox,
  options: Pick<WorkerOptions, 'debugMode'> = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await benchBundle(),
    activities: stubActivities(inbox),
    ...options,
  });
  return { worker, taskQueue };
}

/** A case's descriptor as the api would build it; nothing reads it but the stub projection. */
export function benchInstance(model: ProcessModel): InstanceDescriptor {
  return {
    instanceId: randomUUID(),
    definitionId: randomUUID(),
    definitionKey: model.id,
    definitionVersion: 1,
    businessKey: null,
    orgUnitId: randomUUID(),
    orgPath: '/bench',
    studentId: null,
    startedBy: null,
  };
}

export function runProcessInput(model: ProcessModel, variables: Variables = {}): RunProcessInput {
  return { instance: benchInstance(model), model, variables };
}

export const BENCH_ACTOR = { id: '00000000-0000-4000-8000-000000000001', username: 'bench' };
