import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-worker';
import type { InstanceDescriptor, RunProcessInput } from '../../libs/contracts/src/process-workflow';
import type { ProcessModel } from '../../libs/bpmn/src/model';
import type { Variables } from '../../libs/engine/src/types';
import { temporalCliPath } from '../../test/support/temporal-cli';
import { stubActivities, type TaskInbox } from './stub-activities';

/** The real Temporal dev server (the project's CLI), as the integration tests start it. */
export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  installTemporalRuntime('silent');
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      extraArgs: ['--log-level', 'error'],
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
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await benchBundle(),
    activities: stubActivities(inbox),
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

/** Runs `work` with the worker polling, and stops it afterwards whatever happens. */
export async function withWorker<T>(worker: Worker, work: () => Promise<T>): Promise<T> {
  return worker.runUntil(work);
}
