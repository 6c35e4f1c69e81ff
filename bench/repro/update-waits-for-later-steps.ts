import {
  COMPLETE_TASK_UPDATE,
  type CompleteTaskArgs,
  type CompleteTaskResult,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { compileProcess } from '../../libs/bpmn/src';
import { chain, diagram, userTask } from '../../test/support/bpmn-xml';
import { runHistory } from '../support/history';
import { elapsedMs } from '../support/stats';
import { TaskInbox } from '../support/stub-activities';
import { BENCH_ACTOR, createBenchWorker, runProcessInput, startTemporal } from '../support/temporal';

/**
 * Reproduction: a `completeTask` update on runProcess returns only once every step recorded
 * *while it waits* is projected, not just its own. When a step follows on its own (here a short
 * timer fires while the completion's projection is being written), the update also waits for
 * that later step's projection.
 *
 *   node dist/bench/repro/update-waits-for-later-steps.js
 *
 * Projection takes PROJECTION_MS (a stub that sleeps); the timer fires TIMER later. If the update
 * waited for its own step only, it would return after ~1 projection; it returns after ~2.
 */

const PROJECTION_MS = 300;
const TIMER = 'PT0.05S';

async function main(): Promise<void> {
  const xml = diagram(
    'update-waits',
    `<bpmn:startEvent id="start" />
    ${userTask('first')}
    <bpmn:intermediateCatchEvent id="soon">
      <bpmn:timerEventDefinition><bpmn:timeDuration>${TIMER}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    ${userTask('second')}
    <bpmn:endEvent id="end" />`,
    { flows: chain('start', 'first', 'soon', 'second', 'end') },
  );
  const compiled = await compileProcess(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const input = runProcessInput(compiled.model);
  const workflowId = workflowIdForInstance(input.instance.instanceId);
  const env = await startTemporal({ 'history.timerProcessorMaxTimeShift': '10ms' });
  try {
    const inbox = new TaskInbox();
    const { worker, taskQueue } = await createBenchWorker(env, inbox, { projectionDelayMs: PROJECTION_MS });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
      });
      const synced = await retryWhileContinuingAsNew(() =>
        handle.executeUpdate<{ step: number }, []>(SYNC_UPDATE, { args: [] }),
      );
      const ownStep = synced.step + 1;
      const taskId = await inbox.next(input.instance.instanceId);
      const sent = performance.now();
      const result = await retryWhileContinuingAsNew(() =>
        handle.executeUpdate<CompleteTaskResult, [CompleteTaskArgs]>(COMPLETE_TASK_UPDATE, {
          args: [{ taskId, variables: {}, actor: BENCH_ACTOR }],
        }),
      );
      const tookMs = elapsedMs(sent);
      const history = await runHistory(env.client, workflowId);
      // The second update of the run (the first is the sync).
      const accepted = history.eventTypes.lastIndexOf('WorkflowExecutionUpdateAccepted');
      const completed = history.eventTypes.indexOf('WorkflowExecutionUpdateCompleted', accepted);
      console.log(`workflow id: ${workflowId}`);
      console.log(`completeTask returned ${JSON.stringify(result)} after ${Math.round(tookMs)} ms`);
      console.log(`(one projection takes ${PROJECTION_MS} ms; the timer is ${TIMER})`);
      console.log('events from UpdateAccepted to UpdateCompleted:');
      for (const type of history.eventTypes.slice(accepted, completed + 1)) console.log(`  ${type}`);
      const projections = history.eventTypes
        .slice(accepted, completed + 1)
        .filter((type) => type === 'ActivityTaskCompleted').length;
      console.log(
        projections > 1
          ? `REPRODUCED: the update waited for ${projections} projections (its own step is ${ownStep}, it answered with step ${result.step}).`
          : 'NOT REPRODUCED: the update waited for its own projection only.',
      );
      await handle.terminate('reproduction done');
    });
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
