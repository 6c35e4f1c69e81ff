import { setTimeout as sleep } from 'node:timers/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { compileProcess } from '../libs/bpmn/src';
import type { ProcessModel } from '../libs/bpmn/src/model';
import {
  COMPLETE_TASK_UPDATE,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../libs/contracts/src/process-workflow';
import { sequentialPathway } from './support/diagrams';
import { collectGarbage, intFromEnv } from './support/env';
import { type BenchResult, type Measure, measure } from './support/report';
import { elapsedMs, forEachConcurrently } from './support/stats';
import { TaskInbox } from './support/stub-activities';
import { BENCH_ACTOR, createBenchWorker, runProcessInput, startTemporal } from './support/temporal';
import { within } from './support/timeouts';

/**
 * (d) What open cases cost a worker: memory with N single-task cases started and waiting on
 * their task, all in the worker's cache, against the same worker idle.
 */

const MIB = 2 ** 20;
const KIB = 2 ** 10;
const ANSWER_WITHIN_MS = 60_000;

interface Snapshot {
  heapUsed: number;
  rss: number;
  cached: number;
}

async function settledSnapshot(worker: Worker): Promise<Snapshot> {
  await sleep(1_000);
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss, cached: worker.getStatus().numCachedWorkflows };
}

async function startCases(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  model: ProcessModel,
  count: number,
  concurrency: number,
): Promise<string[]> {
  const instanceIds: string[] = [];
  await forEachConcurrently(
    Array.from({ length: count }, () => runProcessInput(model)),
    concurrency,
    async (input) => {
      const handle = await env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId: workflowIdForInstance(input.instance.instanceId),
        taskQueue,
        args: [input],
      });
      await within(handle.executeUpdate(SYNC_UPDATE, { args: [] }), ANSWER_WITHIN_MS, `sync of ${handle.workflowId}`);
      instanceIds.push(input.instance.instanceId);
    },
  );
  return instanceIds;
}

/** One worker configuration: idle baseline, then N open cases; their memory per case. */
async function measurePass(
  env: TestWorkflowEnvironment,
  model: ProcessModel,
  cases: number,
  concurrency: number,
  inThread: boolean,
): Promise<{ before: Snapshot; after: Snapshot; maxCached: number; startSeconds: number }> {
  const inbox = new TaskInbox();
  const { worker, taskQueue } = await createBenchWorker(env, inbox, inThread ? { debugMode: true } : {});
  return worker.runUntil(async () => {
    // Warm up the worker (code loaded and compiled on both threads), then let the cases finish
    // so they leave the cache: the baseline is a worker that has worked and is idle.
    const warm = await startCases(env, taskQueue, model, 20, concurrency);
    await forEachConcurrently(warm, concurrency, async (instanceId) => {
      const taskId = await inbox.next(instanceId, ANSWER_WITHIN_MS);
      const handle = env.client.workflow.getHandle(workflowIdForInstance(instanceId));
      await handle.executeUpdate(COMPLETE_TASK_UPDATE, { args: [{ taskId, variables: {}, actor: BENCH_ACTOR }] });
      await handle.result();
    });
    inbox.keeping = false;
    const before = await settledSnapshot(worker);
    const began = performance.now();
    await startCases(env, taskQueue, model, cases, concurrency);
    const startSeconds = elapsedMs(began) / 1000;
    const after = await settledSnapshot(worker);
    return { before, after, maxCached: worker.options.maxCachedWorkflows, startSeconds };
  });
}

export async function workerMemory(): Promise<BenchResult> {
  const began = performance.now();
  const cases = intFromEnv('BENCH_MEMORY_CASES', 1_000);
  const concurrency = intFromEnv('BENCH_MEMORY_CONCURRENCY', 20);
  const { xml } = sequentialPathway(1);
  const compiled = await compileProcess(xml);
  if (!compiled.ok) throw new Error(`The bench diagram does not compile: ${JSON.stringify(compiled.errors)}`);
  const gcExposed = collectGarbage();

  const env = await startTemporal();
  const figures: Measure[] = [];
  const notes: string[] = [];
  try {
    const passes = [
      { name: 'threaded (production default)', inThread: false },
      { name: 'in main thread (debugMode)', inThread: true },
    ];
    for (const pass of passes) {
      const { before, after, maxCached, startSeconds } = await measurePass(
        env,
        compiled.model,
        cases,
        concurrency,
        pass.inThread,
      );
      if (after.cached < cases) {
        notes.push(`${pass.name}: only ${after.cached} of ${cases} cases were in the worker's cache (max ${maxCached}).`);
      }
      figures.push(
        measure(`${pass.name}: heapUsed idle`, before.heapUsed / MIB, 'MiB'),
        measure(`${pass.name}: heapUsed with ${cases} open cases`, after.heapUsed / MIB, 'MiB'),
        measure(`${pass.name}: heapUsed per case`, (after.heapUsed - before.heapUsed) / cases / KIB, 'KiB'),
        measure(`${pass.name}: RSS idle`, before.rss / MIB, 'MiB'),
        measure(`${pass.name}: RSS with ${cases} open cases`, after.rss / MIB, 'MiB'),
        measure(`${pass.name}: RSS per case`, (after.rss - before.rss) / cases / KIB, 'KiB'),
        measure(`${pass.name}: cases in the worker cache`, after.cached, 'cases'),
        measure(`${pass.name}: starting them (start + sync)`, startSeconds, 's'),
      );
    }
  } finally {
    await env.teardown();
  }
  return {
    id: 'worker-memory',
    title: '(d) Worker memory with open cases',
    parameters: { cases, concurrency, gcExposed: String(gcExposed) },
    figures,
    ratios: [],
    notes: [
      ...notes,
      `${cases} runProcess cases of a one-user-task diagram, started ${concurrency} at a time and synced, all waiting on their task; stub projection activities.`,
      'Memory is the whole bench process (worker, its activities and the Temporal client; the Temporal server is a separate process), read after the worker served 20 warm-up cases that completed.',
      "Threaded: the SDK's default, workflows run in a worker thread, so their heap shows in RSS but not in heapUsed (the main thread's). debugMode runs the same sandbox on the main thread, so heapUsed includes the cases.",
      gcExposed
        ? 'Each reading follows global.gc() (node --expose-gc, as npm run bench runs it) and a 1 s pause.'
        : 'global.gc is not exposed (run node with --expose-gc): readings include garbage and vary.',
    ],
    seconds: elapsedMs(began) / 1000,
  };
}
