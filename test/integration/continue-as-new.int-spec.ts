import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import {
  COMPLETE_TASK_UPDATE,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { findBrokenLink } from '../../libs/persistence/src';
import { chain, diagram, flow, userTask } from '../support/bpmn-xml';
import { type CaseHarness, startCaseHarness, workflowCode } from '../support/case-harness';

jest.setTimeout(120_000);

let harness: CaseHarness;
beforeAll(async () => {
  harness = await startCaseHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A weekly check-in loop: a user task, a (short) timer, a counter, until the count is reached. */
const LOOP = diagram(
  'weekly-check-in',
  `<bpmn:startEvent id="start" />
   ${userTask('check-in', { groups: 'psychTeacher' })}
   <bpmn:intermediateCatchEvent id="a-week-later">
     <bpmn:timerEventDefinition><bpmn:timeDuration>PT0.1S</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:intermediateCatchEvent>
   <bpmn:scriptTask id="count">
     <bpmn:extensionElements><zeebe:script expression="=checkIns + 1" resultVariable="checkIns" /></bpmn:extensionElements>
   </bpmn:scriptTask>
   <bpmn:exclusiveGateway id="enough" default="again" />
   <bpmn:endEvent id="end" />`,
  {
    flows: [
      ...chain('start', 'check-in', 'a-week-later', 'count', 'enough'),
      flow('enough', 'end', { condition: '=checkIns >= target' }),
      flow('enough', 'check-in', { id: 'again' }),
    ],
  },
);

describe('a long case continues as new and loses nothing', () => {
  it('loops through a user task and a timer across several runs, then completes', async () => {
    // given a case that continues as new after 60 history events
    const deployed = await harness.deploy(LOOP);
    const input = { ...harness.input(deployed, { checkIns: 0, target: 12 }), continueAsNewAfterEvents: 60 };
    const workflowId = workflowIdForInstance(input.instance.instanceId);
    const worker = await harness.newWorker();
    let firstRunId = '';

    const result = await worker.runUntil(async () => {
      const started = await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId,
        taskQueue: harness.taskQueue,
        args: [input],
      });
      const latest = harness.env.client.workflow.getHandle(workflowId);
      await latest.executeUpdate(SYNC_UPDATE, { args: [] });
      // when the check-in is done twelve times, each followed by the timer
      for (let round = 0; round < 12; round += 1) {
        const task = (await waitForOpenTask(input.instance.instanceId))[0]!;
        await latest.executeUpdate(COMPLETE_TASK_UPDATE, {
          args: [{ taskId: task.id, variables: {}, actor: harness.actor }],
        });
      }
      firstRunId = started.firstExecutionRunId;
      return harness.env.client.workflow.getHandle(workflowId).result();
    });

    // then it completed with every loop counted, over more than one run
    expect(result).toMatchObject({ state: 'completed', variables: { checkIns: 12, target: 12 } });
    const runs = await countRuns(workflowId);
    expect(runs).toBeGreaterThan(1);
    const [instance] = await harness.db.query(
      `SELECT state, last_step, variables FROM process_instance WHERE id = $1`,
      [input.instance.instanceId],
    );
    expect(instance).toMatchObject({ state: 'completed', variables: { checkIns: 12, target: 12 } });
    expect(instance.last_step).toBe(result.steps);
    const tasks = await harness.db.query(`SELECT state FROM user_task WHERE instance_id = $1`, [
      input.instance.instanceId,
    ]);
    expect(tasks.map((task: { state: string }) => task.state)).toEqual(Array(12).fill('completed'));
    const audit = await harness.db.query(
      `SELECT instance_id AS "instanceId", seq, at, type, element_id AS "elementId", actor, data, hash, prev_hash AS "prevHash"
         FROM audit_event WHERE instance_id = $1 ORDER BY seq`,
      [input.instance.instanceId],
    );
    expect(audit.filter((entry: { type: string }) => entry.type === 'timer.fired')).toHaveLength(12);
    // and the first run (timers, updates, continue-as-new) replays on the current workflow code
    const firstRun = await harness.env.client.workflow.getHandle(workflowId, firstRunId).fetchHistory();
    await Worker.runReplayHistory(
      { ...workflowCode, dataConverter: harness.dataConverter },
      firstRun,
      workflowId,
    );
    if (process.env.RECORD_HISTORIES === '1') {
      writeFileSync(
        join(__dirname, '..', 'histories', 'check-in-loop-first-run.json'),
        historyToJSON(await harness.plainHistory(firstRun)),
      );
    }
    const chained = audit.map((entry: { at: Date }) => ({ ...entry, at: entry.at.toISOString() }));
    expect(findBrokenLink(chained)).toBeNull();
  });
});

/** A loop without a timer: nothing but the client's completions moves it. */
const TIGHT_LOOP = diagram(
  'tight-loop',
  `<bpmn:startEvent id="start" />
   ${userTask('check-in', { groups: 'psychTeacher' })}
   <bpmn:scriptTask id="count">
     <bpmn:extensionElements><zeebe:script expression="=checkIns + 1" resultVariable="checkIns" /></bpmn:extensionElements>
   </bpmn:scriptTask>
   <bpmn:exclusiveGateway id="enough" default="again" />
   <bpmn:endEvent id="end" />`,
  {
    flows: [
      ...chain('start', 'check-in', 'count', 'enough'),
      flow('enough', 'end', { condition: '=checkIns >= target' }),
      flow('enough', 'check-in', { id: 'again' }),
    ],
  },
);

describe('a client that completes every task the moment it opens', () => {
  it('does not keep the case from continuing as new: updates refused while it drains are sent again', async () => {
    // given
    const deployed = await harness.deploy(TIGHT_LOOP);
    const input = { ...harness.input(deployed, { checkIns: 0, target: 40 }), continueAsNewAfterEvents: 60 };
    const workflowId = workflowIdForInstance(input.instance.instanceId);
    const opened = new OpenedTasks();
    const worker = await harness.newWorker({
      wrap: (activities) => ({
        ...activities,
        projectStep: (step) => {
          for (const task of step.openedTasks) opened.push(task.taskId);
          return activities.projectStep(step);
        },
      }),
    });
    const result = await worker.runUntil(async () => {
      await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId,
        taskQueue: harness.taskQueue,
        args: [input],
      });
      const latest = harness.env.client.workflow.getHandle(workflowId);
      await latest.executeUpdate(SYNC_UPDATE, { args: [] });
      // when each task is completed the moment its projection starts to be written, before the
      // previous completion has even returned (as an automated client or a bulk action would)
      const completions: Promise<unknown>[] = [];
      for (let round = 0; round < 40; round += 1) {
        const taskId = await opened.next();
        completions.push(
          retryWhileContinuingAsNew(() =>
            latest.executeUpdate(COMPLETE_TASK_UPDATE, {
              args: [{ taskId, variables: {}, actor: harness.actor }],
            }),
          ),
        );
      }
      await Promise.all(completions);
      return latest.result();
    });
    // then the case completed, over several runs, none far past the threshold
    expect(result).toMatchObject({ state: 'completed', variables: { checkIns: 40 } });
    expect(await countRuns(workflowId)).toBeGreaterThan(2);
  });
});

/** Task ids as projections announce them, handed to the client in order. */
class OpenedTasks {
  private readonly ids: string[] = [];
  private waiting: ((id: string) => void) | null = null;

  push(id: string): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(id);
    } else this.ids.push(id);
  }

  next(): Promise<string> {
    const id = this.ids.shift();
    if (id !== undefined) return Promise.resolve(id);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}

async function waitForOpenTask(instanceId: string): Promise<{ id: string }[]> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await harness.db.query(
      `SELECT id FROM user_task WHERE instance_id = $1 AND state = 'open'`,
      [instanceId],
    );
    if (open.length > 0) return open;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no open task appeared');
}

/** Follows the chain of runs from the first through each continue-as-new. */
async function countRuns(workflowId: string): Promise<number> {
  const { client } = harness.env;
  let runs = 0;
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    void execution;
    runs += 1;
  }
  return runs;
}
