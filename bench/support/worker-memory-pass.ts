import {
  COMPLETE_TASK_UPDATE,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { compileProcess, type ProcessModel } from '../../libs/bpmn/src';
import type { HandWrittenInput } from '../workflows/hand-written';
import { sequentialPathway } from './diagrams';
import { collectGarbage } from './env';
import { forEachConcurrently } from './stats';
import { TaskInbox } from './stub-activities';
import { BENCH_ACTOR, type BenchBundle, createBenchWorker, runProcessInput, startTemporal } from './temporal';
import { within } from './timeouts';

/**
 * One pass of the worker-memory bench, run in a process of its own (`node --expose-gc
 * worker-memory-pass.js <pass> <cases> <concurrency>`) so RSS starts clean: RSS rarely shrinks,
 * so a pass after another would inherit its peak. Prints one `RESULT {json}` line.
 */

export type PassKey =
  'shipped' | 'shippedInThread' | 'handWritten' | 'handWrittenInThread' | 'unsharedInThread';

export interface MemoryPass {
  key: PassKey;
  name: string;
  workflow: 'runProcess' | 'handWrittenPathway';
  bundle: BenchBundle;
  /** debugMode: the workflow sandbox on the main thread, so heapUsed includes it. */
  inThread: boolean;
}

export const MEMORY_PASSES: MemoryPass[] = [
  {
    key: 'shipped',
    name: 'runProcess, threaded (SDK default)',
    workflow: 'runProcess',
    bundle: 'shipped',
    inThread: false,
  },
  {
    key: 'shippedInThread',
    name: 'runProcess, main thread',
    workflow: 'runProcess',
    bundle: 'shipped',
    inThread: true,
  },
  {
    key: 'handWritten',
    name: 'hand-written alone, threaded',
    workflow: 'handWrittenPathway',
    bundle: 'handWritten',
    inThread: false,
  },
  {
    key: 'handWrittenInThread',
    name: 'hand-written alone, main thread',
    workflow: 'handWrittenPathway',
    bundle: 'handWritten',
    inThread: true,
  },
  {
    key: 'unsharedInThread',
    name: 'runProcess unshared (before ADR 0012), main thread',
    workflow: 'runProcess',
    bundle: 'unshared',
    inThread: true,
  },
];

export const WARM_UP_CASES = 20;
const ANSWER_WITHIN_MS = 60_000;

export interface Snapshot {
  heapUsed: number;
  rss: number;
  cached: number;
}

export interface PassResult {
  gcExposed: boolean;
  before: Snapshot;
  after: Snapshot;
  maxCached: number;
}

async function settledSnapshot(worker: Worker): Promise<Snapshot> {
  await sleep(1_000);
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss, cached: worker.getStatus().numCachedWorkflows };
}

/** Starts `count` one-task cases and waits until each has projected its first step. */
async function startCases(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  pass: MemoryPass,
  model: ProcessModel,
  count: number,
  concurrency: number,
): Promise<string[]> {
  const instanceIds: string[] = [];
  await forEachConcurrently(
    Array.from({ length: count }, () => runProcessInput(model)),
    concurrency,
    async (input) => {
      const workflowId = workflowIdForInstance(input.instance.instanceId);
      const handle =
        pass.workflow === 'runProcess'
          ? await env.client.workflow.start(RUN_PROCESS_WORKFLOW, { workflowId, taskQueue, args: [input] })
          : await env.client.workflow.start('handWrittenPathway', {
              workflowId,
              taskQueue,
              args: [
                {
                  instance: input.instance,
                  taskElementIds: ['step-1'],
                  variables: {},
                } satisfies HandWrittenInput,
              ],
            });
      await within(
        retryWhileContinuingAsNew(() => handle.executeUpdate(SYNC_UPDATE, { args: [] })),
        ANSWER_WITHIN_MS,
        `sync of ${workflowId}`,
      );
      instanceIds.push(input.instance.instanceId);
    },
  );
  return instanceIds;
}

/** An idle worker's memory, then the same worker's with `cases` open cases. */
export async function measurePass(pass: MemoryPass, cases: number, concurrency: number): Promise<PassResult> {
  const compiled = await compileProcess(sequentialPathway(1).xml);
  if (!compiled.ok) throw new Error(`The bench diagram does not compile: ${JSON.stringify(compiled.errors)}`);
  const { model } = compiled;
  const env = await startTemporal();
  try {
    const inbox = new TaskInbox();
    const { worker, taskQueue } = await createBenchWorker(env, inbox, {
      debugMode: pass.inThread,
      bundle: pass.bundle,
    });
    return await worker.runUntil(async () => {
      // Warm up (code loaded and compiled on every thread), then let those cases finish so they
      // leave the cache: the baseline is a worker that has worked and is idle.
      const warm = await startCases(env, taskQueue, pass, model, WARM_UP_CASES, concurrency);
      await forEachConcurrently(warm, concurrency, async (instanceId) => {
        const taskId = await inbox.next(instanceId, ANSWER_WITHIN_MS);
        const handle = env.client.workflow.getHandle(workflowIdForInstance(instanceId));
        await retryWhileContinuingAsNew(() =>
          handle.executeUpdate(COMPLETE_TASK_UPDATE, {
            args: [{ taskId, variables: {}, actor: BENCH_ACTOR }],
          }),
        );
        await within(handle.result(), ANSWER_WITHIN_MS, `result of ${handle.workflowId}`);
      });
      inbox.keeping = false;
      const before = await settledSnapshot(worker);
      await startCases(env, taskQueue, pass, model, cases, concurrency);
      const after = await settledSnapshot(worker);
      return { gcExposed: collectGarbage(), before, after, maxCached: worker.options.maxCachedWorkflows };
    });
  } finally {
    await env.teardown();
  }
}

export const RESULT_PREFIX = 'RESULT ';

async function main([name, cases, concurrency]: string[]): Promise<void> {
  const pass = MEMORY_PASSES.find((candidate) => candidate.key === name);
  if (!pass) throw new Error(`Unknown memory pass '${name}'`);
  const result = await measurePass(pass, Number(cases), Number(concurrency));
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
