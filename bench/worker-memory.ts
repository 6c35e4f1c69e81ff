import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { intFromEnv } from './support/env';
import { type BenchResult, type Measure, measure, ratio } from './support/report';
import { elapsedMs } from './support/stats';
import {
  MEMORY_PASSES,
  type MemoryPass,
  type PassKey,
  type PassResult,
  RESULT_PREFIX,
  WARM_UP_CASES,
} from './support/worker-memory-pass';

/**
 * (d) What open cases cost a worker: memory with N single-task cases started and waiting on
 * their task, all in the worker's cache, against the same worker idle. Each configuration runs
 * in a fresh process (support/worker-memory-pass.ts), so no pass inherits another's memory.
 */

const MIB = 2 ** 20;
const KIB = 2 ** 10;

async function runPass(pass: MemoryPass, cases: number, concurrency: number): Promise<PassResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      require.resolve('./support/worker-memory-pass'),
      pass.key,
      String(cases),
      String(concurrency),
    ],
    { maxBuffer: 16 * MIB, timeout: 15 * 60_000 },
  );
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
  if (!line) throw new Error(`The memory pass '${pass.name}' printed no result:\n${stdout}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as PassResult;
}

const perCaseKiB = (result: PassResult, key: 'heapUsed' | 'rss', cases: number) =>
  (result.after[key] - result.before[key]) / cases / KIB;

export async function workerMemory(): Promise<BenchResult> {
  const began = performance.now();
  const cases = intFromEnv('BENCH_MEMORY_CASES', 1_000);
  const concurrency = intFromEnv('BENCH_MEMORY_CONCURRENCY', 20);

  const figures: Measure[] = [];
  const notes: string[] = [];
  const results = new Map<PassKey, PassResult>();
  let gcExposed = true;
  for (const pass of MEMORY_PASSES) {
    const result = await runPass(pass, cases, concurrency);
    gcExposed &&= result.gcExposed;
    results.set(pass.key, result);
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
  const perCase = (pass: PassKey, key: 'heapUsed' | 'rss') => {
    const result = results.get(pass);
    return result ? perCaseKiB(result, key, cases) : Number.NaN;
  };
  return {
    id: 'worker-memory',
    title: '(d) Worker memory with open cases',
    parameters: { cases, concurrency, gcExposed: String(gcExposed) },
    figures,
    ratios: [
      ratio(
        'heap per case: runProcess / hand-written alone (main thread)',
        perCase('shippedInThread', 'heapUsed'),
        perCase('handWrittenInThread', 'heapUsed'),
        { op: '<=', bound: 1.5 },
      ),
      ratio(
        'RSS per case: runProcess / hand-written alone (threaded)',
        perCase('shipped', 'rss'),
        perCase('handWritten', 'rss'),
      ),
      ratio(
        'heap per case: unshared (before ADR 0012) / as shipped (main thread)',
        perCase('unsharedInThread', 'heapUsed'),
        perCase('shippedInThread', 'heapUsed'),
      ),
    ],
    notes: [
      ...notes,
      `${cases} one-user-task cases per pass, started ${concurrency} at a time and synced, all waiting on their task and held in the worker's cache; stub projection activities. Each pass runs in a fresh process with its own dev server, and its worker first served ${WARM_UP_CASES} cases to the end.`,
      "Memory is that process's (worker, activities, Temporal client; the Temporal server is a separate process).",
      "Threaded is the SDK's default: workflows run in a worker thread, so they show in RSS but not in heapUsed (the main thread's isolate). The main-thread passes (debugMode) run the same sandbox on the main thread, so heapUsed counts them.",
      'The SDK evaluates a bundle\'s workflow modules once per workflow (reusable V8 context) unless they are preloaded: runProcess runs as the worker ships it, its libraries preloaded once per worker thread (apps/worker/src/workflow-bundle.ts, docs/adr/0012-shared-workflow-modules.md); "unshared" is the same bundle without that, as before; "hand-written alone" bundles the yardstick without the interpreter.',
      gcExposed
        ? 'Each reading follows global.gc() (node --expose-gc) and a 1 s pause.'
        : 'global.gc was not exposed: readings include garbage and vary.',
    ],
    seconds: elapsedMs(began) / 1000,
  };
}
