import {
  COMPLETE_TASK_UPDATE,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  type RunProcessResult,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../libs/contracts/src';
import { compileProcess } from '../libs/bpmn/src';
import { loopingCase } from './support/diagrams';
import { intFromEnv, stringFromEnv } from './support/env';
import { allRuns, currentRunEventTypes } from './support/history';
import { type BenchResult, measure } from './support/report';
import { elapsedMs, mean, percentile } from './support/stats';
import { TaskInbox } from './support/stub-activities';
import { BENCH_ACTOR, createBenchWorker, runProcessInput, startTemporal } from './support/temporal';
import { within } from './support/timeouts';

/**
 * (c) A case that loops thousands of times through a user task and a timer, on the real server
 * with the workflow's own continue-as-new threshold: how long each run's history gets, and how
 * much state one run hands the next.
 */

const ANSWER_WITHIN_MS = 60_000;
const KIB = 1024;

export async function longCase(): Promise<BenchResult> {
  const began = performance.now();
  const rounds = intFromEnv('BENCH_LONG_CASE_ROUNDS', 1_000);
  const timer = stringFromEnv('BENCH_LONG_CASE_TIMER', 'PT0.01S');
  // The server holds every timer for at least history.timerProcessorMaxTimeShift (1 s as
  // shipped): a round would take over a second. At 10 ms a round takes ~0.2-0.3 s here (the dev
  // server's timer queue still adds 0.1-0.3 s), and nothing in the histories measured changes.
  // 'default' leaves the server as shipped.
  const timerShift = stringFromEnv('BENCH_LONG_CASE_TIMER_SHIFT', '10ms');
  const compiled = await compileProcess(loopingCase(timer));
  if (!compiled.ok) throw new Error(`The bench diagram does not compile: ${JSON.stringify(compiled.errors)}`);
  // No continueAsNewAfterEvents: the workflow's real default decides when to continue as new.
  const input = runProcessInput(compiled.model, { checkIns: 0, rounds });
  const workflowId = workflowIdForInstance(input.instance.instanceId);

  const env = await startTemporal(
    timerShift === 'default' ? {} : { 'history.timerProcessorMaxTimeShift': timerShift },
  );
  try {
    const inbox = new TaskInbox();
    const { worker, taskQueue } = await createBenchWorker(env, inbox);
    const completeMs: number[] = [];
    const { result, firstRunId } = await worker.runUntil(async () => {
      const started = await env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
      });
      // Without a run id, so every update reaches the run that is current at the time.
      const latest = env.client.workflow.getHandle(workflowId);
      const stuck = async (what: string, error: unknown): Promise<never> => {
        const types = await currentRunEventTypes(env.client, workflowId).catch(() => []);
        throw new Error(
          `${what} in ${workflowId}: ${String(error)}; current run's last events: ${types.slice(-20).join(', ')}`,
        );
      };
      await within(
        retryWhileContinuingAsNew(() => latest.executeUpdate(SYNC_UPDATE, { args: [] })),
        ANSWER_WITHIN_MS,
        'sync',
      ).catch((error) => stuck('sync', error));
      for (let round = 1; round <= rounds; round += 1) {
        const taskId = await inbox
          .next(input.instance.instanceId, ANSWER_WITHIN_MS)
          .catch((error) => stuck(`round ${round}: waiting for the check-in task`, error));
        const sent = performance.now();
        await within(
          retryWhileContinuingAsNew(() =>
            latest.executeUpdate(COMPLETE_TASK_UPDATE, {
              args: [{ taskId, variables: {}, actor: BENCH_ACTOR }],
            }),
          ),
          ANSWER_WITHIN_MS,
          `completeTask (round ${round})`,
        ).catch((error) => stuck(`round ${round}: completeTask`, error));
        completeMs.push(elapsedMs(sent));
        if (round % 250 === 0) console.error(`   long-case: ${round}/${rounds} rounds`);
      }
      const done = (await within(latest.result(), ANSWER_WITHIN_MS, 'result')) as RunProcessResult;
      return { result: done, firstRunId: started.firstExecutionRunId };
    });
    if (result.state !== 'completed' || result.variables.checkIns !== rounds) {
      throw new Error(
        `Expected ${workflowId} to complete after ${rounds} check-ins: ${JSON.stringify(result)}`,
      );
    }

    const runs = await allRuns(env.client, workflowId, firstRunId);
    const events = runs.map((run) => run.events);
    const carried = runs.flatMap((run) => (run.carried ? [run.carried] : []));
    const maxInput = Math.max(0, ...carried.map((c) => c.inputBytes));
    const maxResume = Math.max(0, ...carried.map((c) => c.resumeBytes));
    const continued = runs.filter((run) => run.carried).map((run) => run.events);
    return {
      id: 'long-case',
      title: '(c) A long case: continue-as-new on the real server',
      parameters: {
        rounds,
        timer,
        continueAsNewAfterEvents: 'workflow default',
        'history.timerProcessorMaxTimeShift': timerShift,
      },
      figures: [
        measure('runs (1 + continue-as-new count)', runs.length, 'runs'),
        measure('history events, max per run', Math.max(...events), 'events', { op: '<=', bound: 4_096 }),
        measure('history events, mean per run', mean(events), 'events'),
        measure('history events, mean per continued run', mean(continued), 'events'),
        measure(
          'history events, all runs',
          events.reduce((a, b) => a + b, 0),
          'events',
        ),
        measure('carried state: continue-as-new input, max', maxInput / KIB, 'KiB', { op: '<=', bound: 200 }),
        measure('carried state: its resume field (engine state), max', maxResume / KIB, 'KiB'),
        measure('engine steps', result.steps, 'steps'),
        measure('completeTask p50', percentile(completeMs, 50), 'ms'),
        measure('completeTask p95', percentile(completeMs, 95), 'ms'),
        measure('completeTask max', Math.max(...completeMs), 'ms'),
        measure('completeTask rounds over 1 s', completeMs.filter((ms) => ms > 1_000).length, 'rounds'),
      ],
      ratios: [],
      notes: [
        `Diagram: start → user task → timer (${timer}) → script (checkIns + 1) → exclusive gateway back or end, ${rounds} rounds.`,
        "Stub projection activities (no PostgreSQL); each round's task is completed with an update sent to the workflow id without a run id, so it reaches the current run.",
        `Server: the CLI dev server with history.timerProcessorMaxTimeShift=${timerShift} (shipped: 1 s, a floor under every timer's delay), so a round takes a fraction of a second; continue-as-new is left to the workflow's own threshold.`,
        "Runs found by following each WorkflowExecutionContinuedAsNew event to the next run; carried state is the byte size of that event's input payloads (the model, the descriptor and the resume data).",
      ],
      seconds: elapsedMs(began) / 1000,
    };
  } finally {
    await env.teardown();
  }
}
