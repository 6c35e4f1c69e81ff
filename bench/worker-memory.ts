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
import type { HandWrittenInput } from './workflows/hand-written';
import { sequentialPathway } from './support/diagrams';
import { collectGarbage, intFromEnv } from './support/env';
import { type BenchResult, type Measure, measure, ratio } from './support/report';
import { elapsedMs, forEachConcurrently } from './support/stats';
import { TaskInbox } from './support/stub-activities';
import {
  BENCH_ACTOR,
  type BenchBundle,
  createBenchWorker,
  runProcessInput,
  startTemporal,
} from './support/temporal';
import { within } from './support/timeouts';

/**
 * (d) What open cases cost a worker: memory with N single-task cases started and waiting on
 * their task, all in the worker's cache, against the same worker idle.
 */

const MIB = 2 ** 20;
const KIB = 2 ** 10;
const ANSWER_WITHIN_MS = 60_000;
const WARM_UP_CASES = 20;

interface Pass {
  name: string;
  workflow: 'runProcess' | 'handWrittenPathway';
  bundle: BenchBundle;
  /** debugMode: the workflow sandbox on the main thread, so heapUsed includes it. */
  inThread: boolean;
}

const PASSES: Pass[] = [
  { name: 'runProcess, threaded (SDK default)', workflow: 'runProcess', bundle: 'bench', inThread: false },
  { name: 'runProcess, main thread', workflow: 'runProcess', bundle: 'bench', inThread: true },
  {
    name: 'hand-written alone, main thread',
    workflow: 'handWrittenPathway',
    bundle: 'handWrittenOnly',
    inThread: true,
  },
  {
    name: 'runProcess + feelin preloaded, main thread',
    workflow: 'runProcess',
    bundle: 'feelinPreloaded',
    inThread: true,
  },
];

interface Snapshot {
  heapUsed: number;
  rss: number;
  cached: number;
}

interface PassResult {
  before: Snapshot;
  after: Snapshot;
  maxCached: number;
  startSeconds: number;
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
  pass: Pass,
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
        handle.executeUpdate(SYNC_UPDATE, { args: [] }),
        ANSWER_WITHIN_MS,
        `sync of ${workflowId}`,
      );
      instanceIds.push(input.instance.instanceId);
    },
  );
  return instanceIds;
}

/** One worker configuration: idle baseline, then N open cases. */
async function measurePass(
  env: TestWorkflowEnvironment,
  pass: Pass,
  model: ProcessModel,
  cases: number,
  concurrency: number,
): Promise<PassResult> {
  const inbox = new TaskInbox();
  const { worker, taskQueue } = await createBenchWorker(env, inbox, {
    debugMode: pass.inThread,
    bundle: pass.bundle,
  });
  return worker.runUntil(async () => {
    // Warm up (code loaded and compiled on every thread), then let those cases finish so they
    // leave the cache: the baseline is a worker that has worked and is idle.
    const warm = await startCases(env, taskQueue, pass, model, WARM_UP_CASES, concurrency);
    await forEachConcurrently(warm, concurrency, async (instanceId) => {
      const taskId = await inbox.next(instanceId, ANSWER_WITHIN_MS);
      const handle = env.client.workflow.getHandle(workflowIdForInstance(instanceId));
      await handle.executeUpdate(COMPLETE_TASK_UPDATE, {
        args: [{ taskId, variables: {}, actor: BENCH_ACTOR }],
      });
      await within(handle.result(), ANSWER_WITHIN_MS, `result of ${handle.workflowId}`);
    });
    inbox.keeping = false;
    const before = await settledSnapshot(worker);
    const began = performance.now();
    await startCases(env, taskQueue, pass, model, cases, concurrency);
    const startSeconds = elapsedMs(began) / 1000;
    const after = await settledSnapshot(worker);
    return { before, after, maxCached: worker.options.maxCachedWorkflows, startSeconds };
  });
}

const perCaseKiB = (result: PassResult, key: 'heapUsed' | 'rss', cases: number) =>
  (result.after[key] - result.before[key]) / cases / KIB;

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
  const results = new Map<Pass, PassResult>();
  try {
    for (const pass of PASSES) {
      const result = await measurePass(env, pass, compiled.model, cases, concurrency);
      results.set(pass, result);
      if (result.after.cached < cases) {
        notes.push(
          `${pass.name}: only ${result.after.cached} of ${cases} cases were in the worker's cache (max ${result.maxCached}).`,
        );
      }
      figures.push(
        measure(`${pass.name}: heapUsed idle`, result.before.heapUsed / MIB, 'MiB'),
        measure(`${pass.name}: heapUsed with ${cases} open`, result.after.heapUsed / MIB, 'MiB'),
        measure(`${pass.name}: heapUsed per case`, perCaseKiB(result, 'heapUsed', cases), 'KiB'),
        measure(`${pass.name}: RSS idle`, result.before.rss / MIB, 'MiB'),
        measure(`${pass.name}: RSS with ${cases} open`, result.after.rss / MIB, 'MiB'),
        measure(`${pass.name}: RSS per case`, perCaseKiB(result, 'rss', cases), 'KiB'),
        measure(`${pass.name}: cases in the worker cache`, result.after.cached, 'cases'),
      );
    }
  } finally {
    await env.teardown();
  }
  const heapPerCase = (index: number) => {
    const pass = PASSES[index] as Pass;
    return perCaseKiB(results.get(pass) as PassResult, 'heapUsed', cases);
  };
  return {
    id: 'worker-memory',
    title: '(d) Worker memory with open cases',
    parameters: { cases, concurrency, gcExposed: String(gcExposed) },
    figures,
    ratios: [
      ratio('heap per case: runProcess / hand-written alone (main thread)', heapPerCase(1), heapPerCase(2)),
      ratio('heap per case: feelin preloaded / as shipped (main thread)', heapPerCase(3), heapPerCase(1)),
    ],
    notes: [
      ...notes,
      `${cases} one-user-task cases per pass, started ${concurrency} at a time and synced, all waiting on their task and held in the worker's cache; stub projection activities. Each pass has a fresh worker that first served ${WARM_UP_CASES} cases to the end.`,
      'Memory is the whole bench process (worker, activities, Temporal client; the Temporal server is a separate process).',
      "Threaded is the SDK's default: workflows run in a worker thread, so they show in RSS but not in heapUsed (the main thread's isolate). The main-thread passes (debugMode) run the same sandbox on the main thread, so heapUsed counts them.",
      'The SDK evaluates a bundle\'s workflow modules once per workflow (reusable V8 context), so a case pays for every module its bundle imports: "hand-written alone" bundles the yardstick without the interpreter; "feelin preloaded" is a candidate bundle setting (preloadModules), not what the worker ships.',
      gcExposed
        ? 'Each reading follows global.gc() (node --expose-gc, as npm run bench runs it) and a 1 s pause.'
        : 'global.gc is not exposed (run node with --expose-gc): readings include garbage and vary.',
    ],
    seconds: elapsedMs(began) / 1000,
  };
}
