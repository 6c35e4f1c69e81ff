import { randomBytes, randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-worker';
import { workflowBundlerOptions } from '../../apps/worker/src/workflow-bundle';
import { temporalDataConverter, temporalPayloadCodec } from '../../libs/config/src';
import type { InstanceDescriptor, RunProcessInput } from '../../libs/contracts/src';
import type { ProcessModel } from '../../libs/bpmn/src';
import type { Variables } from '../../libs/engine/src';
import { temporalCliPath } from '../../test/support/temporal-cli';
import { stubActivities, type TaskInbox } from './stub-activities';

/**
 * Payloads are sealed as the api and worker seal them (AES-256-GCM), so the figures include the
 * codec's cost. One key per bench process: its client and workers share it.
 */
const payloadKey = randomBytes(32);
const dataConverter = temporalDataConverter(payloadKey);

/** The same codec, for a bench that reads payloads out of a fetched history. */
export const benchPayloadCodec = temporalPayloadCodec(payloadKey);

/**
 * The real Temporal dev server (the project's CLI), as the integration tests start it.
 * `dynamicConfig` sets server knobs (`--dynamic-config-value key=json`), for a bench that says so.
 */
export async function startTemporal(
  dynamicConfig: Record<string, unknown> = {},
): Promise<TestWorkflowEnvironment> {
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
    client: { dataConverter },
  });
}

/**
 * What a bench worker loads:
 * - 'shipped': workflows/src (runProcess) bundled as the worker ships it, with its bundler options
 *   (apps/worker/src/workflow-bundle.ts: the interpreter's libraries shared by all workflows);
 * - 'unshared': the same without those options, every module evaluated per workflow (the worker
 *   before docs/adr/0012-shared-workflow-modules.md), for comparison;
 * - 'handWritten': the yardstick (bench/workflows/hand-written.ts) alone, as an application
 *   without the interpreter would bundle it, given the same treatment: what it shares (the
 *   SDK's workflow API, which the interpreter's shared contracts import) is preloaded too.
 */
export type BenchBundle = 'shipped' | 'unshared' | 'handWritten';

const bundles = new Map<BenchBundle, Promise<WorkflowBundleWithSourceMap>>();

const quietBundler = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** Each bundle is built once per run. */
export function benchBundle(which: BenchBundle): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(which);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath:
        which === 'handWritten'
          ? require.resolve('../workflows/hand-written')
          : require.resolve('../../workflows/src'),
      logger: quietBundler,
      ...(which === 'shipped' ? workflowBundlerOptions() : {}),
      ...(which === 'handWritten' ? { preloadModules: ['@temporalio/workflow'] } : {}),
    });
    bundles.set(which, bundle);
  }
  return bundle;
}

/** A worker on its own task queue running the bench workflows with stub activities. */
export async function createBenchWorker(
  env: TestWorkflowEnvironment,
  inbox?: TaskInbox,
  options: { debugMode?: boolean; bundle?: BenchBundle; projectionDelayMs?: number } = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await benchBundle(options.bundle ?? 'shipped'),
    activities: stubActivities(inbox, { delayMs: options.projectionDelayMs ?? 0 }),
    dataConverter,
    ...(options.debugMode ? { debugMode: true } : {}),
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
