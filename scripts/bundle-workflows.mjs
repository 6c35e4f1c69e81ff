// Prebuilds the workflow bundle so the worker in production loads it instead of bundling at start.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { bundleWorkflowCode } = require('@temporalio/worker');
const dist = join(import.meta.dirname, '..', 'dist');
// The same bundler options as a worker that bundles at start (docs/adr/0012-shared-workflow-modules.md).
const { workflowBundlerOptions } = require(join(dist, 'apps', 'worker', 'src', 'workflow-bundle.js'));
const { code } = await bundleWorkflowCode({
  workflowsPath: require.resolve(join(dist, 'workflows', 'src', 'index.js')),
  ...workflowBundlerOptions(),
  // Failure messages and stack traces go through the payload codec (ADR 0020).
  failureConverterPath: require.resolve(join(dist, 'libs', 'config', 'src', 'temporal-failure-converter.js')),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
});
writeFileSync(join(dist, 'workflow-bundle.js'), code);
