import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { type AppConfig, temporalConnectionOptions, temporalDataConverter } from '../../../libs/config/src';
import { createProcessActivities } from './process.activities';
import { workflowBundlerOptions } from './workflow-bundle';

let runtimeInstalled = false;

/**
 * Keeps the SDK's own logs at the configured level (quiet in tests). The SDK's runtime is a
 * process-wide singleton, so this must run before anything else touches it; later calls are no-ops.
 */
export function installTemporalRuntime(logLevel: AppConfig['logLevel']): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const quiet = logLevel === 'silent' || logLevel === 'error';
  Runtime.install({
    logger: quiet ? new DefaultLogger('ERROR', () => undefined) : new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: quiet ? 'ERROR' : 'WARN' }) } },
  });
}

/**
 * A prebuilt bundle (npm run build) is loaded when present, as production should; otherwise the
 * workflow sources are bundled at start (development and tests). Both share the interpreter's
 * libraries across workflows (workflow-bundle.ts; scripts/bundle-workflows.mjs builds with the
 * same options).
 */
function workflowSource():
  | { workflowBundle: { codePath: string } }
  | { workflowsPath: string; bundlerOptions: ReturnType<typeof workflowBundlerOptions> } {
  const bundle = join(__dirname, '..', '..', '..', 'workflow-bundle.js');
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return {
    workflowsPath: require.resolve('../../../workflows/src'),
    bundlerOptions: workflowBundlerOptions(),
  };
}

export async function createTemporalWorker(
  config: AppConfig,
  dataSource: DataSource,
): Promise<{ worker: Worker; connection: NativeConnection; clientConnection: Connection }> {
  installTemporalRuntime(config.logLevel);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  // A signal a case throws reaches other cases by Updates and starts, as the api's do.
  const clientConnection = await Connection.connect(temporalConnectionOptions(config.temporal));
  const client = new Client({
    connection: clientConnection,
    namespace: config.temporal.namespace,
    dataConverter: temporalDataConverter(config.dataKey),
  });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflowSource(),
    // The api's client seals with the same codec; cases started before it existed decode as they are.
    dataConverter: temporalDataConverter(config.dataKey),
    activities: createProcessActivities({
      dataSource,
      dataKey: config.dataKey,
      signals: { client, taskQueue: config.temporal.taskQueue },
    }),
  });
  return { worker, connection, clientConnection };
}
