import {
  COMPLETE_TASK_UPDATE,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  type RunProcessResult,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { setTimeout as sleep } from 'node:timers/promises';
import { compileProcess } from '../../libs/bpmn/src';
import { loopingCase } from '../support/diagrams';
import { allRuns } from '../support/history';
import { TaskInbox } from '../support/stub-activities';
import { BENCH_ACTOR, createBenchWorker, runProcessInput, startTemporal } from '../support/temporal';

/**
 * Reproduction: runProcess continues as new only at a moment when no projection is in flight
 * and no update handler runs. A client that completes each task as soon as it is projected
 * never leaves such a moment, so the run never continues as new and its history grows without
 * bound (toward the server's hard limit of 51,200 events, where the workflow is terminated).
 *
 *   node dist/bench/repro/continue-as-new-starved.js
 *
 * The same loop (user task → 10 ms timer → counter) runs twice with continueAsNewAfterEvents =
 * 200: once completing each task the moment it is projected, once waiting 200 ms first.
 */

const ROUNDS = 40;
const THRESHOLD = 200;

async function main(): Promise<void> {
  const compiled = await compileProcess(loopingCase('PT0.01S'));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const env = await startTemporal({ 'history.timerProcessorMaxTimeShift': '10ms' });
  try {
    const inbox = new TaskInbox();
    const { worker, taskQueue } = await createBenchWorker(env, inbox);
    await worker.runUntil(async () => {
      for (const pauseMs of [0, 200]) {
        const input = {
          ...runProcessInput(compiled.model, { checkIns: 0, rounds: ROUNDS }),
          continueAsNewAfterEvents: THRESHOLD,
        };
        const workflowId = workflowIdForInstance(input.instance.instanceId);
        const started = await env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
          workflowId,
          taskQueue,
          args: [input],
        });
        const latest = env.client.workflow.getHandle(workflowId);
        for (let round = 0; round < ROUNDS; round += 1) {
          const taskId = await inbox.next(input.instance.instanceId);
          if (pauseMs > 0) await sleep(pauseMs);
          await retryWhileContinuingAsNew(() =>
            latest.executeUpdate(COMPLETE_TASK_UPDATE, {
              args: [{ taskId, variables: {}, actor: BENCH_ACTOR }],
            }),
          );
        }
        const result = (await latest.result()) as RunProcessResult;
        const runs = await allRuns(env.client, workflowId, started.firstExecutionRunId);
        const events = runs.map((run) => run.events);
        console.log(
          `${pauseMs === 0 ? 'completing at once ' : `waiting ${pauseMs} ms first`}: workflow id ${workflowId}, ` +
            `${result.state} after ${ROUNDS} rounds, ${runs.length} run(s), events per run ${events.join(', ')} ` +
            `(threshold ${THRESHOLD})`,
        );
        if (pauseMs === 0) {
          console.log(
            Math.max(...events) > THRESHOLD * 2
              ? `REPRODUCED: a run grew to ${Math.max(...events)} events without continuing as new.`
              : 'NOT REPRODUCED: every run continued as new near the threshold.',
          );
        }
      }
    });
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
