// Prebuilds the workflow bundle so the worker in production loads it instead of bundling at start.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { bundleWorkflowCode } = require('@temporalio/worker');
const dist = join(import.meta.dirname, '..', 'dist');
const { code } = await bundleWorkflowCode({
  workflowsPath: require.resolve(join(dist, 'workflows', 'src', 'index.js')),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
});
writeFileSync(join(dist, 'workflow-bundle.js'), code);
