import type { Worker } from '@temporalio/worker';
import {
  COMPLETE_TASK_UPDATE,
  type CompleteTaskArgs,
  type InstanceDescriptor,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  type RunProcessResult,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../libs/contracts/src';
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { compileProcess, type ProcessModel } from '../libs/bpmn/src';
import type { HandWrittenInput } from './workflows/hand-written';
import { sequentialPathway } from './support/diagrams';
import { intFromEnv } from './support/env';
import { currentRunEventTypes } from './support/history';
import { type BenchResult, measure, ratio } from './support/report';
import { TaskInbox } from './support/stub-activities';
import {
  type FunctionTime,
  type ModuleTime,
  profiled,
  type ProfileSummary,
  summariseProfile,
  writeProfile,
} from './support/cpu-profile';
import {
  elapsedMs,
  forEachConcurrently,
  percentile,
  type RatioInterval,
  ratioInterval,
} from './support/stats';
import {
  BENCH_ACTOR,
  type BenchBundle,
  benchBundle,
  benchInstance,
  createBenchWorker,
  startTemporal,
} from './support/temporal';
import { within } from './support/timeouts';

/**
 * (b) The interpreter against the same pathway written by hand as a plain Temporal workflow,
 * on the real Temporal server with the same stub activities: what interpreting BPMN costs in
 * start throughput and in the latency of a task completion. Each side runs on a worker of its
 * own with its own bundle (runProcess as the worker ships it; the yardstick alone), so neither
 * pays for the other's modules. Then a CPU profile of the start path of each side, on a worker
 * that runs its workflows on the main thread, shows where the time of a start goes.
 */

type Kind = 'interpreted' | 'handWritten';

interface Samples {
  instances: number;
  startPhaseMs: number;
  completionPhaseMs: number;
  completions: number;
  /** start + sync round trip per instance. */
  startMs: number[];
  /** completeTask update round trip per task. */
  completeMs: number[];
}

const empty = (): Samples => ({
  instances: 0,
  startPhaseMs: 0,
  completionPhaseMs: 0,
  completions: 0,
  startMs: [],
  completeMs: [],
});

/** A bench call answers within this, or the case is reported as stuck. */
const ANSWER_WITHIN_MS = 60_000;

interface BenchCase {
  workflowId: string;
  instance: InstanceDescriptor;
  handle?: WorkflowHandle;
}

async function runBatch(
  client: Client,
  taskQueue: string,
  inbox: TaskInbox,
  pathway: { model: ProcessModel; taskIds: string[] },
  kind: Kind,
  instances: number,
  concurrency: number,
): Promise<Samples> {
  const samples = empty();
  const { model, taskIds } = pathway;
  const cases: BenchCase[] = Array.from({ length: instances }, () => {
    const instance = benchInstance(model);
    return {
      instance,
      workflowId:
        kind === 'interpreted' ? workflowIdForInstance(instance.instanceId) : `hand-written-${randomUUID()}`,
    };
  });

  const startPhase = performance.now();
  await forEachConcurrently(cases, concurrency, async (benchCase) => {
    const { instance } = benchCase;
    const began = performance.now();
    const handle =
      kind === 'interpreted'
        ? await client.workflow.start(RUN_PROCESS_WORKFLOW, {
            workflowId: benchCase.workflowId,
            taskQueue,
            args: [{ instance, model, variables: {} }],
          })
        : await client.workflow.start('handWrittenPathway', {
            workflowId: benchCase.workflowId,
            taskQueue,
            args: [{ instance, taskElementIds: taskIds, variables: {} } satisfies HandWrittenInput],
          });
    await within(
      retryWhileContinuingAsNew(() => handle.executeUpdate(SYNC_UPDATE, { args: [] })),
      ANSWER_WITHIN_MS,
      `sync of ${benchCase.workflowId}`,
    );
    samples.startMs.push(elapsedMs(began));
    benchCase.handle = handle;
  });
  samples.startPhaseMs = elapsedMs(startPhase);
  samples.instances = instances;

  const completionPhase = performance.now();
  await forEachConcurrently(cases, concurrency, async (benchCase) => {
    const handle = benchCase.handle as WorkflowHandle;
    for (let task = 0; task < taskIds.length; task += 1) {
      const taskId = await inbox.next(benchCase.instance.instanceId, ANSWER_WITHIN_MS);
      const args: CompleteTaskArgs = {
        taskId,
        variables: { [`answer${task + 1}`]: 'ok' },
        actor: BENCH_ACTOR,
      };
      const began = performance.now();
      await within(
        retryWhileContinuingAsNew(() => handle.executeUpdate(COMPLETE_TASK_UPDATE, { args: [args] })),
        ANSWER_WITHIN_MS,
        `completeTask of ${benchCase.workflowId}`,
      ).catch(async (error: unknown) => {
        const types = await currentRunEventTypes(client, benchCase.workflowId).catch(() => []);
        throw new Error(`${String(error)}; history: ${types.join(', ')}`);
      });
      samples.completeMs.push(elapsedMs(began));
      samples.completions += 1;
    }
    const result = (await within(
      handle.result(),
      ANSWER_WITHIN_MS,
      `result of ${benchCase.workflowId}`,
    )) as RunProcessResult;
    if (result.state !== 'completed' || result.steps !== taskIds.length + 1) {
      throw new Error(
        `Expected ${benchCase.workflowId} to complete in ${taskIds.length + 1} steps: ${JSON.stringify(result)}`,
      );
    }
  });
  samples.completionPhaseMs = elapsedMs(completionPhase);
  return samples;
}

function merge(total: Samples, more: Samples): Samples {
  return {
    instances: total.instances + more.instances,
    startPhaseMs: total.startPhaseMs + more.startPhaseMs,
    completionPhaseMs: total.completionPhaseMs + more.completionPhaseMs,
    completions: total.completions + more.completions,
    startMs: [...total.startMs, ...more.startMs],
    completeMs: [...total.completeMs, ...more.completeMs],
  };
}

export async function temporalThroughput(): Promise<BenchResult> {
  const began = performance.now();
  const instances = intFromEnv('BENCH_TEMPORAL_INSTANCES', 480);
  const concurrency = intFromEnv('BENCH_TEMPORAL_CONCURRENCY', 20);
  const tasks = intFromEnv('BENCH_TEMPORAL_TASKS', 3);
  const warmUp = intFromEnv('BENCH_TEMPORAL_WARMUP', 20);
  const rounds = Math.min(intFromEnv('BENCH_TEMPORAL_ROUNDS', 16), instances);
  const profiledStarts = intFromEnv('BENCH_TEMPORAL_PROFILED_STARTS', 60);

  const { xml, taskIds } = sequentialPathway(tasks);
  const compiled = await compileProcess(xml);
  if (!compiled.ok) throw new Error(`The bench diagram does not compile: ${JSON.stringify(compiled.errors)}`);
  const pathway = { model: compiled.model, taskIds };

  const env = await startTemporal();
  const totals: Record<Kind, Samples> = { interpreted: empty(), handWritten: empty() };
  const paired: Record<Kind, Samples>[] = [];
  const profiles = {} as Record<ProfiledSide, StartProfile>;
  try {
    const inbox = new TaskInbox();
    const workers = {
      interpreted: await createBenchWorker(env, inbox, { bundle: BUNDLE_OF.interpreted }),
      handWritten: await createBenchWorker(env, inbox, { bundle: BUNDLE_OF.handWritten }),
    };
    const batch = (kind: Kind, count: number) =>
      runBatch(env.client, workers[kind].taskQueue, inbox, pathway, kind, count, concurrency);
    await workers.interpreted.worker.runUntil(() =>
      workers.handWritten.worker.runUntil(async () => {
        await batch('interpreted', warmUp);
        await batch('handWritten', warmUp);
        // Short rounds in alternating order (A B, B A, …) so a burst of load on this shared
        // machine, or a fuller server, falls on both sides alike.
        for (let round = 0; round < rounds; round += 1) {
          const count = Math.floor(instances / rounds) + (round < instances % rounds ? 1 : 0);
          const order: Kind[] =
            round % 2 === 0 ? ['interpreted', 'handWritten'] : ['handWritten', 'interpreted'];
          const pair: Record<Kind, Samples> = { interpreted: empty(), handWritten: empty() };
          for (const kind of order) pair[kind] = await batch(kind, count);
          for (const kind of order) totals[kind] = merge(totals[kind], pair[kind]);
          paired.push(pair);
        }
      }),
    );
    Object.assign(profiles, await profileStarts(env, inbox, pathway, profiledStarts, warmUp));
  } finally {
    await env.teardown();
  }

  const { interpreted, handWritten } = totals;
  const startsPerSecond = (s: Samples) => (s.instances * 1000) / s.startPhaseMs;
  const completionsPerSecond = (s: Samples) => (s.completions * 1000) / s.completionPhaseMs;
  const roundRatios = (figure: (s: Samples) => number) =>
    paired.map((pair) => figure(pair.interpreted) / figure(pair.handWritten));
  const startRatios = roundRatios(startsPerSecond);
  const p95Ratios = roundRatios((s) => percentile(s.completeMs, 95));
  const startInterval = ratioInterval(startRatios);
  const p95Interval = ratioInterval(p95Ratios);
  const listed = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  const rows: [string, Samples][] = [
    ['interpreted BPMN (runProcess)', interpreted],
    ['hand-written workflow', handWritten],
  ];
  const cpuPerStart = (side: ProfiledSide) => profiles[side].cpuMsPerStart;
  const sandboxPerStart = (side: ProfiledSide) => profiles[side].summary.sandboxMs / profiles[side].starts;
  return {
    id: 'temporal-throughput',
    title: '(b) Interpreted BPMN vs a hand-written workflow on the real Temporal server',
    parameters: {
      instances,
      concurrency,
      userTasks: tasks,
      warmUpInstances: warmUp,
      rounds,
      profiledStarts,
    },
    figures: [
      ...rows.flatMap(([name, s]) => [
        measure(`${name}: starts/s (start + sync)`, startsPerSecond(s), 'inst/s'),
        measure(`${name}: start + sync p50`, percentile(s.startMs, 50), 'ms'),
        measure(`${name}: start + sync p95`, percentile(s.startMs, 95), 'ms'),
        measure(`${name}: completeTask p50`, percentile(s.completeMs, 50), 'ms'),
        measure(`${name}: completeTask p95`, percentile(s.completeMs, 95), 'ms'),
        measure(`${name}: completions/s`, completionsPerSecond(s), 'upd/s'),
      ]),
      measure('interpreted: CPU per start (process, user + system)', cpuPerStart('interpreted'), 'ms'),
      measure('hand-written: CPU per start (process, user + system)', cpuPerStart('handWritten'), 'ms'),
      measure(
        'interpreted unshared (before ADR 0012): CPU per start (process, user + system)',
        cpuPerStart('unshared'),
        'ms',
      ),
      measure(
        'interpreted: sampled time per start in the workflow sandbox (profile)',
        sandboxPerStart('interpreted'),
        'ms',
      ),
      measure(
        'hand-written: sampled time per start in the workflow sandbox (profile)',
        sandboxPerStart('handWritten'),
        'ms',
      ),
    ],
    ratios: [
      measure(
        `starts/s interpreted / hand-written (geometric mean of ${startInterval.rounds} paired rounds)`,
        startInterval.estimate,
        '×',
        { op: '>=', bound: 0.9 },
      ),
      measure('starts/s ratio: 95 % confidence interval, low', startInterval.low, '×'),
      measure('starts/s ratio: 95 % confidence interval, high', startInterval.high, '×'),
      ratio(
        'starts/s interpreted / hand-written (all rounds pooled)',
        startsPerSecond(interpreted),
        startsPerSecond(handWritten),
      ),
      ratio(
        'completeTask p95 interpreted / hand-written (all rounds pooled)',
        percentile(interpreted.completeMs, 95),
        percentile(handWritten.completeMs, 95),
        { op: '<=', bound: 1.25 },
      ),
      measure(
        `completeTask p95 ratio (geometric mean of ${p95Interval.rounds} rounds), 95 % CI ${formatInterval(p95Interval)}`,
        p95Interval.estimate,
        '×',
      ),
      ratio(
        'completeTask p50 interpreted / hand-written',
        percentile(interpreted.completeMs, 50),
        percentile(handWritten.completeMs, 50),
      ),
      ratio(
        'completions/s interpreted / hand-written',
        completionsPerSecond(interpreted),
        completionsPerSecond(handWritten),
      ),
      ratio(
        'CPU per start interpreted / hand-written (process, user + system)',
        cpuPerStart('interpreted'),
        cpuPerStart('handWritten'),
      ),
      ratio(
        'sandbox time per start interpreted / hand-written (profile)',
        sandboxPerStart('interpreted'),
        sandboxPerStart('handWritten'),
      ),
      ratio(
        'CPU per start interpreted unshared (before ADR 0012) / as shipped (process)',
        cpuPerStart('unshared'),
        cpuPerStart('interpreted'),
      ),
    ],
    notes: [
      `Pathway: start → ${tasks} user tasks in sequence → end; ${instances} instances per side (after ${warmUp} warm-up each), ${concurrency} at a time, in ${rounds} rounds of alternating order (ABBA).`,
      'Both sides use the SAME stub activities (projectStep returns {bufferedMessages: []} without I/O; it only notes opened task ids for the driver), so this compares the interpreter, not PostgreSQL. Each side has its own worker and bundle: runProcess as shipped (workflows/src with apps/worker/src/workflow-bundle.ts), the yardstick alone.',
      "starts/s: client start + a 'sync' update that returns once the first step is projected; completeTask: one executeUpdate('completeTask', {taskId, variables, actor}) round trip, which returns after its projection.",
      'Hand-written: bench/workflows/hand-written.ts, same update names and validator, one projectStep call per step like the interpreter.',
      `Per round (interpreted / hand-written, back to back): starts/s ${listed(startRatios)}; completeTask p95 ${listed(p95Ratios)}. The interval is Student's t on the logarithms of the per-round ratios (95 %, ${Math.max(0, startInterval.rounds - 1)} degrees of freedom): set BENCH_TEMPORAL_ROUNDS for more rounds, a narrower interval.`,
      ...PROFILED_SIDES.map((side) => profileNote(side, profiles[side])),
      'Client, worker and the Temporal dev server (in-memory SQLite) share this machine; the profiles cover this process (client, worker, codec, workflow sandbox), not the server. A profile samples the main thread by the clock, so a thread the OS paused counts as busy where it stopped: compare CPU per start (process, user + system) between sides, and read a profile for where its time goes.',
    ],
    seconds: elapsedMs(began) / 1000,
  };
}

const BUNDLE_OF: Record<Kind, BenchBundle> = { interpreted: 'shipped', handWritten: 'handWritten' };

/** The sides profiled: both of the bench, and runProcess without shared modules (before ADR 0012). */
type ProfiledSide = Kind | 'unshared';
const PROFILED_SIDES: ProfiledSide[] = ['interpreted', 'handWritten', 'unshared'];

const PROFILE_OF: Record<ProfiledSide, { kind: Kind; bundle: BenchBundle; path: string; title: string }> = {
  interpreted: {
    kind: 'interpreted',
    bundle: 'shipped',
    path: '.data/bench-start-interpreted.cpuprofile',
    title: 'interpreted',
  },
  handWritten: {
    kind: 'handWritten',
    bundle: 'handWritten',
    path: '.data/bench-start-hand-written.cpuprofile',
    title: 'hand-written',
  },
  unshared: {
    kind: 'interpreted',
    bundle: 'unshared',
    path: '.data/bench-start-interpreted-unshared.cpuprofile',
    title: 'interpreted, unshared (before ADR 0012)',
  },
};

interface StartProfile {
  starts: number;
  /** User + system CPU time of this process per start, without the profiler: median of windows. */
  cpuMsPerStart: number;
  cpuWindows: number[];
  path: string;
  summary: ProfileSummary;
}

/** CPU windows per profiled side, in alternating order, so a burst of outside load is shared. */
const CPU_WINDOWS = 6;

/**
 * For each profiled side, on a worker that runs workflows on the main thread (debugMode), where
 * the inspector sees them (the threaded worker's sandbox lives in a worker thread it cannot
 * profile): `starts` starts one after another (client start, the first workflow task, its
 * projection and the sync update), so each sample belongs to one start, not to a crowd.
 * First the process's CPU time per start (all its threads: the SDK's core runs outside
 * JavaScript), read without the profiler (which slows what it samples and counts a thread the
 * OS paused as busy), in CPU_WINDOWS windows per side in alternating order, their median; then
 * one profile per side, which shows how that time divides.
 */
async function profileStarts(
  env: Awaited<ReturnType<typeof startTemporal>>,
  inbox: TaskInbox,
  pathway: { model: ProcessModel; taskIds: string[] },
  starts: number,
  warmUp: number,
): Promise<Record<ProfiledSide, StartProfile>> {
  const workers = new Map<ProfiledSide, { worker: Worker; taskQueue: string }>();
  for (const side of PROFILED_SIDES) {
    workers.set(
      side,
      await createBenchWorker(env, inbox, { bundle: PROFILE_OF[side].bundle, debugMode: true }),
    );
  }
  const queueOf = (side: ProfiledSide) => (workers.get(side) as { taskQueue: string }).taskQueue;
  const runAll = [...workers.values()].reduceRight<() => Promise<void>>(
    (inner, { worker }) =>
      () =>
        worker.runUntil(inner),
    async () => {
      for (const side of PROFILED_SIDES) {
        await runBatch(env.client, queueOf(side), inbox, pathway, PROFILE_OF[side].kind, warmUp, 1);
      }
      const perStart = new Map<ProfiledSide, number[]>(PROFILED_SIDES.map((side) => [side, []]));
      const windowStarts = Math.max(1, Math.floor(starts / CPU_WINDOWS));
      for (let window = 0; window < CPU_WINDOWS; window += 1) {
        const order = window % 2 === 0 ? PROFILED_SIDES : [...PROFILED_SIDES].reverse();
        for (const side of order) {
          const before = process.cpuUsage();
          await startOnly(env.client, queueOf(side), pathway, PROFILE_OF[side].kind, windowStarts, 1);
          const used = process.cpuUsage(before);
          perStart.get(side)?.push((used.user + used.system) / 1000 / windowStarts);
        }
      }
      for (const side of PROFILED_SIDES) {
        const { kind, bundle, path } = PROFILE_OF[side];
        const { code } = await benchBundle(bundle);
        const { profile } = await profiled(() =>
          startOnly(env.client, queueOf(side), pathway, kind, starts, 1),
        );
        writeProfile(path, profile);
        const windows = perStart.get(side) ?? [];
        results[side] = {
          starts,
          cpuMsPerStart: percentile(windows, 50),
          cpuWindows: windows,
          path,
          summary: summariseProfile(profile, { code }),
        };
      }
    },
  );
  const results = {} as Record<ProfiledSide, StartProfile>;
  await runAll();
  return results;
}

/** Starts and syncs `count` cases and leaves them open (the profile is about starting). */
async function startOnly(
  client: Client,
  taskQueue: string,
  pathway: { model: ProcessModel; taskIds: string[] },
  kind: Kind,
  count: number,
  concurrency: number,
): Promise<void> {
  await forEachConcurrently(Array.from({ length: count }), concurrency, async () => {
    const instance = benchInstance(pathway.model);
    const handle =
      kind === 'interpreted'
        ? await client.workflow.start(RUN_PROCESS_WORKFLOW, {
            workflowId: workflowIdForInstance(instance.instanceId),
            taskQueue,
            args: [{ instance, model: pathway.model, variables: {} }],
          })
        : await client.workflow.start('handWrittenPathway', {
            workflowId: `hand-written-${randomUUID()}`,
            taskQueue,
            args: [{ instance, taskElementIds: pathway.taskIds, variables: {} } satisfies HandWrittenInput],
          });
    await within(
      handle.executeUpdate(SYNC_UPDATE, { args: [] }),
      ANSWER_WITHIN_MS,
      `sync of ${handle.workflowId}`,
    );
  });
}

function formatInterval(interval: RatioInterval): string {
  return `[${interval.low.toFixed(2)}, ${interval.high.toFixed(2)}]`;
}

function profileNote(
  side: ProfiledSide,
  { starts, cpuMsPerStart, cpuWindows, path, summary }: StartProfile,
): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const share = (value: number, of: number) => `${((100 * value) / of).toFixed(0)} %`;
  const functions = (list: FunctionTime[], of: number) =>
    list
      .map((entry) => `${entry.name} [${entry.where}] ${ms(entry.selfMs)} (${share(entry.selfMs, of)})`)
      .join('; ');
  const modules = (list: ModuleTime[], of: number) =>
    list.map((entry) => `${entry.module} ${ms(entry.selfMs)} (${share(entry.selfMs, of)})`).join('; ');
  return (
    `CPU profile, ${PROFILE_OF[side].title}: ${starts} starts (start, first workflow task, its projection, sync) on a worker running workflows on the main thread, written to ${path}. ` +
    `The process used ${ms(cpuMsPerStart)} of CPU per start without the profiler (median of ${cpuWindows.length} windows: ${cpuWindows.map((value) => value.toFixed(1)).join(', ')} ms). ` +
    `Sampled on the main thread: ${ms(summary.busyMs)} busy in ${ms(summary.totalMs)}, ${ms(summary.sandboxMs)} of it in the workflow sandbox (${ms(summary.sandboxMs / starts)} per start). ` +
    `In the sandbox, self time by function: ${functions(summary.sandboxFunctions, summary.sandboxMs)}. ` +
    `In the sandbox, by module: ${modules(summary.sandboxModules, summary.sandboxMs)}. ` +
    `Whole process, by module: ${modules(summary.topModules, summary.busyMs)}.`
  );
}
