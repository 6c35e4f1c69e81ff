import {
  CALENDAR_CHANGED_SIGNAL,
  COMPLETE_TASK_UPDATE,
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { caseCalendarFrom } from '../../libs/domain/src/case-calendar';
import { chain, diagram, escape, userTask } from '../support/bpmn-xml';
import { type CaseHarness, startCaseHarness } from '../support/case-harness';

jest.setTimeout(120_000);

let harness: CaseHarness;
beforeAll(async () => {
  harness = await startCaseHarness();
});
afterAll(async () => {
  await harness?.close();
});

/**
 * Three tasks, each due one school day after Friday 2026-09-25 (a fixed day, so the due date
 * depends on the case's calendar only, not on when the test runs).
 */
const dueInOneSchoolDay = `<zeebe:taskSchedule dueDate="${escape('=add school days(date("2026-09-25"), 1)')}" />`;
const THREE_TASKS = diagram(
  'calendar-deadlines',
  `<bpmn:startEvent id="start" />
   ${['first', 'second', 'third'].map((id) => userTask(id, { groups: 'psychTeacher', extensions: dueInOneSchoolDay })).join('\n')}
   <bpmn:endEvent id="end" />`,
  { flows: chain('start', 'first', 'second', 'third', 'end') },
);

const definition = {
  timezone: 'Asia/Shanghai',
  terms: [{ name: '2026 秋', start: '2026-09-01', end: '2027-01-22' }],
  holidays: [],
  workdays: [],
};
/** The first school day after 09-25 is Monday 09-28… */
const atStart = caseCalendarFrom({ unitId: 'school-a', definition }, { fromYear: 2026 });
/** …until the school makes 09-28 a day off: then it is Tuesday 09-29. */
const changed = caseCalendarFrom(
  { unitId: 'school-a', definition: { ...definition, holidays: ['2026-09-28'] } },
  { fromYear: 2026 },
);

describe("a case's calendar in the workflow", () => {
  it('computes due dates with the calendar fixed at the start, then with the one a signal brings', async () => {
    // given a case started with a calendar, continuing as new quickly
    const input = {
      ...harness.input(await harness.deploy(THREE_TASKS)),
      calendar: atStart,
      continueAsNewAfterEvents: 12,
    };
    const { instanceId } = input.instance;
    const workflowId = workflowIdForInstance(instanceId);
    const worker = await harness.newWorker();

    await worker.runUntil(async () => {
      await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId,
        taskQueue: harness.taskQueue,
        args: [input],
      });
      const handle = harness.env.client.workflow.getHandle(workflowId);
      await retryWhileContinuingAsNew(() => handle.executeUpdate(SYNC_UPDATE, { args: [] }));
      // then the first task is due at the end of Monday 09-28 in Shanghai
      const first = await openTask(instanceId, 'first');
      expect(first.due_at.toISOString()).toBe('2026-09-28T15:59:59.000Z');

      // when the calendar changes, and the first task is completed
      await handle.signal(CALENDAR_CHANGED_SIGNAL, changed);
      const { runId: runAtChange } = await handle.describe();
      await retryWhileContinuingAsNew(() =>
        handle.executeUpdate(COMPLETE_TASK_UPDATE, {
          args: [{ taskId: first.id, variables: {}, actor: harness.actor }],
        }),
      );
      // then the second task uses the new calendar, and the first keeps its due date
      const second = await openTask(instanceId, 'second');
      expect(second.due_at.toISOString()).toBe('2026-09-29T15:59:59.000Z');
      expect((await taskRow(first.id)).due_at.toISOString()).toBe('2026-09-28T15:59:59.000Z');

      // when the same calendar comes again with other content (same version: ignored), and the
      // case continues as new before the third task opens
      await handle.signal(CALENDAR_CHANGED_SIGNAL, { ...atStart, version: changed.version });
      await waitFor(async () => (await handle.describe()).runId !== runAtChange);
      await retryWhileContinuingAsNew(() =>
        handle.executeUpdate(COMPLETE_TASK_UPDATE, {
          args: [{ taskId: second.id, variables: {}, actor: harness.actor }],
        }),
      );
      // then the new run still counts with the changed calendar
      const third = await openTask(instanceId, 'third');
      expect(third.due_at.toISOString()).toBe('2026-09-29T15:59:59.000Z');
    });
  });

  it('counts Monday to Friday for a case started without a calendar', async () => {
    const input = harness.input(await harness.deploy(THREE_TASKS));
    const worker = await harness.newWorker();
    await worker.runUntil(async () => {
      await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId: workflowIdForInstance(input.instance.instanceId),
        taskQueue: harness.taskQueue,
        args: [input],
      });
      const first = await openTask(input.instance.instanceId, 'first');
      expect(first.due_at.toISOString()).toBe('2026-09-28T15:59:59.000Z');
      await harness.env.client.workflow
        .getHandle(workflowIdForInstance(input.instance.instanceId))
        .terminate();
    });
  });
});

interface TaskRow {
  id: string;
  due_at: Date;
}

async function taskRow(id: string): Promise<TaskRow> {
  const [row] = await harness.db.query(`SELECT id, due_at FROM user_task WHERE id = $1`, [id]);
  return row;
}

async function openTask(instanceId: string, elementId: string): Promise<TaskRow> {
  let found: TaskRow | undefined;
  await waitFor(async () => {
    [found] = await harness.db.query(
      `SELECT id, due_at FROM user_task WHERE instance_id = $1 AND element_id = $2 AND state = 'open'`,
      [instanceId, elementId],
    );
    return found !== undefined;
  });
  return found!;
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Expected the case to get there within 10 s');
}
