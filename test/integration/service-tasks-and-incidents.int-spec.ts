import { ApplicationFailure } from '@temporalio/common';
import { type WorkflowHandle, WorkflowUpdateStage } from '@temporalio/client';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { JobHandler } from '../../apps/worker/src/handlers/job-handler';
import {
  CANCEL_INSTANCE_UPDATE,
  COMPLETE_TASK_UPDATE,
  RETRY_INCIDENT_UPDATE,
  RUN_PROCESS_WORKFLOW,
  type RunProcessInput,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type CaseHarness, startCaseHarness, workflowCode } from '../support/case-harness';

jest.setTimeout(120_000);

/**
 * Service tasks, incidents and child cases on the real Temporal server and PostgreSQL. One
 * worker runs for the file; its `notify` handler does what the current test says.
 */
let harness: CaseHarness;
let worker: Worker;
let running: Promise<void>;
let notify: JobHandler;
let attempts = 0;
let rejectStep: number | null = null;

beforeAll(async () => {
  harness = await startCaseHarness();
  worker = await harness.newWorker({
    handlers: { notify: (input, deps) => ((attempts += 1), notify(input, deps)) },
    wrap: (activities) => ({
      ...activities,
      async projectStep(step) {
        if (step.step === rejectStep) {
          rejectStep = null;
          throw ApplicationFailure.create({
            type: 'ProjectionRejected',
            nonRetryable: true,
            message: 'insert or update violates a foreign key constraint',
          });
        }
        return activities.projectStep(step);
      },
    }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await harness?.close();
});
beforeEach(() => {
  attempts = 0;
  rejectStep = null;
});

const SERVICE = diagram(
  'alert-guardian',
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="call-guardian">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="notify" retries="2" />
       <zeebe:taskHeaders><zeebe:header key="recipients" value="psychTeacher" /></zeebe:taskHeaders>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:boundaryEvent id="unreachable" attachedToRef="call-guardian"><bpmn:errorEventDefinition errorRef="e-unreachable" /></bpmn:boundaryEvent>
   ${userTask('visit-home', { groups: 'psychTeacher' })}
   <bpmn:endEvent id="end" /><bpmn:endEvent id="visited" />`,
  {
    roots: '<bpmn:error id="e-unreachable" errorCode="UNREACHABLE" />',
    flows: [...chain('start', 'call-guardian', 'end'), ...chain('unreachable', 'visit-home', 'visited')],
  },
);

async function startCase(input: RunProcessInput) {
  const handle = await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
    workflowId: workflowIdForInstance(input.instance.instanceId),
    taskQueue: harness.taskQueue,
    args: [input],
  });
  await handle.executeUpdate(SYNC_UPDATE, { args: [] });
  return handle;
}

/** The case's history replays on the current workflow code; RECORD_HISTORIES=1 keeps it for CI. */
async function replayAndRecord(handle: WorkflowHandle, file: string): Promise<void> {
  const history = await handle.fetchHistory();
  await Worker.runReplayHistory(
    { ...workflowCode, dataConverter: harness.dataConverter },
    history,
    handle.workflowId,
  );
  if (process.env.RECORD_HISTORIES === '1') {
    writeFileSync(
      join(__dirname, '..', 'histories', file),
      historyToJSON(await harness.plainHistory(history)),
    );
  }
}

async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition never held');
}

const incidentsOf = (
  instanceId: string,
): Promise<{ id: string; element_id: string; state: string; message: string }[]> =>
  harness.db.query(
    `SELECT id, element_id, state, message FROM incident WHERE instance_id = $1 ORDER BY created_at`,
    [instanceId],
  );

describe('service tasks', () => {
  it('a handler failing past its retries raises an incident; retrying after the fix runs it again', async () => {
    // given a handler that fails
    notify = () => Promise.reject(new Error('SMS gateway unreachable'));
    const input = harness.input(await harness.deploy(SERVICE));
    const handle = await startCase(input);
    // when it has failed its two attempts
    const [incident] = await until(
      () => incidentsOf(input.instance.instanceId),
      (rows) => rows.length === 1,
    );
    // then the case waits at the task with an incident naming the cause
    expect(incident).toMatchObject({ element_id: 'call-guardian', state: 'open' });
    expect(incident!.message).toContain('SMS gateway unreachable');
    expect(attempts).toBe(2);

    // when the gateway works again and a supervisor retries
    notify = () => Promise.resolve({ variables: { guardianAlerted: true } });
    await handle.executeUpdate(RETRY_INCIDENT_UPDATE, {
      args: [{ incidentId: incident!.id, variables: {}, actor: harness.actor }],
    });
    // then the job ran again and the case completed with its result
    expect(await handle.result()).toMatchObject({ state: 'completed', variables: { guardianAlerted: true } });
    expect(attempts).toBe(3);
    expect((await incidentsOf(input.instance.instanceId)).map((row) => row.state)).toEqual(['resolved']);
    await replayAndRecord(handle, 'service-task-incident-retried.json');
  });

  it("a handler's BPMN error is caught by the task's error boundary event", async () => {
    // given
    notify = () =>
      Promise.resolve({ bpmnError: { errorCode: 'UNREACHABLE', message: 'no guardian answered' } });
    const input = harness.input(await harness.deploy(SERVICE));
    // when
    await startCase(input);
    // then
    const tasks = await until(
      () =>
        harness.db.query(`SELECT element_id FROM user_task WHERE instance_id = $1`, [
          input.instance.instanceId,
        ]),
      (rows: unknown[]) => rows.length === 1,
    );
    expect(tasks).toEqual([{ element_id: 'visit-home' }]);
    expect(await incidentsOf(input.instance.instanceId)).toEqual([]);
  });
});

describe('incidents of the projection and cancellation of child cases', () => {
  const SINGLE = diagram(
    'single-review',
    `<bpmn:startEvent id="start" />${userTask('review', { groups: 'psychTeacher' })}<bpmn:endEvent id="end" />`,
    { flows: chain('start', 'review', 'end') },
  );

  it('a step PostgreSQL refuses for good becomes an incident; retrying writes it', async () => {
    // given a case whose second step will be refused once
    const input = harness.input(await harness.deploy(SINGLE));
    const handle = await startCase(input);
    const [task] = await harness.db.query(`SELECT id FROM user_task WHERE instance_id = $1`, [
      input.instance.instanceId,
    ]);
    rejectStep = 2;
    // when the task is completed
    await handle.startUpdate(COMPLETE_TASK_UPDATE, {
      args: [{ taskId: task.id, variables: {}, actor: harness.actor }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    // then the refused step is an incident, not an endless retry
    const [incident] = await until(
      () => incidentsOf(input.instance.instanceId),
      (rows) => rows.length === 1,
    );
    expect(incident).toMatchObject({ state: 'open', message: expect.stringContaining('foreign key') });
    // when it is retried, the step is written and the case completes
    await handle.executeUpdate(RETRY_INCIDENT_UPDATE, {
      args: [{ incidentId: incident!.id, variables: {}, actor: harness.actor }],
    });
    expect(await handle.result()).toMatchObject({ state: 'completed' });
    const [instance] = await harness.db.query(`SELECT state, last_step FROM process_instance WHERE id = $1`, [
      input.instance.instanceId,
    ]);
    expect(instance).toEqual({ state: 'completed', last_step: 2 });
    expect((await incidentsOf(input.instance.instanceId)).map((row) => row.state)).toEqual(['resolved']);
  });

  it('cancelling a case cancels the child case its call activity waits for', async () => {
    // given a parent waiting on a child case at its user task
    await harness.deploy(SINGLE);
    const parent = harness.input(
      await harness.deploy(
        diagram(
          'refer-out',
          `<bpmn:startEvent id="start" />
           <bpmn:callActivity id="referral"><bpmn:extensionElements><zeebe:calledElement processId="single-review" /></bpmn:extensionElements></bpmn:callActivity>
           <bpmn:endEvent id="end" />`,
          { flows: chain('start', 'referral', 'end') },
        ),
      ),
      { note: 'parent' },
    );
    const handle = await startCase(parent);
    const [child] = await until<{ id: string }[]>(
      () =>
        harness.db.query(
          `SELECT i.id FROM process_instance i JOIN user_task t ON t.instance_id = i.id WHERE i.parent_id = $1`,
          [parent.instance.instanceId],
        ),
      (rows) => rows.length === 1,
    );
    // when the parent is cancelled
    await handle.executeUpdate(CANCEL_INSTANCE_UPDATE, {
      args: [{ reason: 'student moved school', actor: harness.actor }],
    });
    // then the child case is cancelled too, with its task
    expect(await handle.result()).toMatchObject({ state: 'cancelled' });
    const childRow = await until(
      async () =>
        (await harness.db.query(`SELECT state FROM process_instance WHERE id = $1`, [child!.id]))[0] as {
          state: string;
        },
      (row) => row.state === 'cancelled',
    );
    expect(childRow.state).toBe('cancelled');
    const childTasks = await harness.db.query(`SELECT state FROM user_task WHERE instance_id = $1`, [
      child!.id,
    ]);
    expect(childTasks).toEqual([{ state: 'cancelled' }]);
    await replayAndRecord(handle, 'call-activity-cancelled.json');
  });
});
