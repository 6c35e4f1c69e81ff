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
import { elapsedMs, forEachConcurrently, percentile } from './support/stats';
import { BENCH_ACTOR, benchInstance, createBenchWorker, startTemporal } from './support/temporal';
import { within } from './support/timeouts';

/**
 * (b) The interpreter against the same pathway written by hand as a plain Temporal workflow,
 * on the real Temporal server with the same stub activities: what interpreting BPMN costs in
 * start throughput and in the latency of a task completion.
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
  const instances = intFromEnv('BENCH_TEMPORAL_INSTANCES', 200);
  const concurrency = intFromEnv('BENCH_TEMPORAL_CONCURRENCY', 20);
  const tasks = intFromEnv('BENCH_TEMPORAL_TASKS', 3);
  const warmUp = intFromEnv('BENCH_TEMPORAL_WARMUP', 20);
  const rounds = Math.min(intFromEnv('BENCH_TEMPORAL_ROUNDS', 5), instances);

  const { xml, taskIds } = sequentialPathway(tasks);
  const compiled = await compileProcess(xml);
  if (!compiled.ok) throw new Error(`The bench diagram does not compile: ${JSON.stringify(compiled.errors)}`);
  const pathway = { model: compiled.model, taskIds };

  const env = await startTemporal();
  const totals: Record<Kind, Samples> = { interpreted: empty(), handWritten: empty() };
  const paired: Record<Kind, Samples>[] = [];
  try {
    const inbox = new TaskInbox();
    const { worker, taskQueue } = await createBenchWorker(env, inbox);
    const batch = (kind: Kind, count: number) =>
      runBatch(env.client, taskQueue, inbox, pathway, kind, count, concurrency);
    await worker.runUntil(async () => {
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
    });
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
  const listed = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  const rows: [string, Samples][] = [
    ['interpreted BPMN (runProcess)', interpreted],
    ['hand-written workflow', handWritten],
  ];
  return {
    id: 'temporal-throughput',
    title: '(b) Interpreted BPMN vs a hand-written workflow on the real Temporal server',
    parameters: { instances, concurrency, userTasks: tasks, warmUpInstances: warmUp, rounds },
    figures: rows.flatMap(([name, s]) => [
      measure(`${name}: starts/s (start + sync)`, startsPerSecond(s), 'inst/s'),
      measure(`${name}: start + sync p50`, percentile(s.startMs, 50), 'ms'),
      measure(`${name}: start + sync p95`, percentile(s.startMs, 95), 'ms'),
      measure(`${name}: completeTask p50`, percentile(s.completeMs, 50), 'ms'),
      measure(`${name}: completeTask p95`, percentile(s.completeMs, 95), 'ms'),
      measure(`${name}: completions/s`, completionsPerSecond(s), 'upd/s'),
    ]),
    ratios: [
      ratio(
        'starts/s interpreted / hand-written',
        startsPerSecond(interpreted),
        startsPerSecond(handWritten),
        {
          op: '>=',
          bound: 0.9,
        },
      ),
      ratio(
        'completeTask p95 interpreted / hand-written',
        percentile(interpreted.completeMs, 95),
        percentile(handWritten.completeMs, 95),
        { op: '<=', bound: 1.25 },
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
      measure(`starts/s ratio, median of ${paired.length} paired rounds`, percentile(startRatios, 50), '×'),
      measure(
        `completeTask p95 ratio, median of ${paired.length} paired rounds`,
        percentile(p95Ratios, 50),
        '×',
      ),
    ],
    notes: [
      `Pathway: start → ${tasks} user tasks in sequence → end; ${instances} instances per side (after ${warmUp} warm-up each), ${concurrency} at a time, in ${rounds} rounds of alternating order (ABBA).`,
      'Both sides use the SAME stub activities (projectStep returns {bufferedMessages: []} without I/O; it only notes opened task ids for the driver), so this compares the interpreter, not PostgreSQL.',
      "starts/s: client start + a 'sync' update that returns once the first step is projected; completeTask: one executeUpdate('completeTask', {taskId, variables, actor}) round trip, which returns after its projection.",
      'Hand-written: bench/workflows/hand-written.ts, same update names and validator, one projectStep call per step like the interpreter.',
      `Per round (interpreted / hand-written, run back to back): starts/s ${listed(startRatios)}; completeTask p95 ${listed(p95Ratios)}. Their spread is this machine's noise; the medians resist one noisy round.`,
      'Client, worker and the Temporal dev server (in-memory SQLite) share this machine.',
    ],
    seconds: elapsedMs(began) / 1000,
  };
}
