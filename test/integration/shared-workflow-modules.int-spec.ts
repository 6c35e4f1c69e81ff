import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { sharedWorkflowModules } from '../../apps/worker/src/workflow-bundle';
import {
  COMPLETE_TASK_UPDATE,
  RUN_PROCESS_WORKFLOW,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../libs/contracts/src';
import { caseCalendarFrom } from '../../libs/domain/src/case-calendar';
import { evaluateFeel } from '../../libs/expressions/src';
import { chain, diagram, escape, userTask } from '../support/bpmn-xml';
import { type CaseHarness, startCaseHarness, workflowCode, workflowsPath } from '../support/case-harness';

/**
 * The worker evaluates the interpreter's libraries (engine, feelin, temporal-polyfill, the lezer
 * FEEL parser) once and shares them, frozen, across its workflows (docs/adr/0012-shared-workflow-modules.md). These tests
 * hold that sharing to what it must not change: FEEL gives what it gives outside the sandbox,
 * cases on one worker do not see each other, and a history replays with and without sharing.
 */

jest.setTimeout(120_000);

let harness: CaseHarness;
beforeAll(async () => {
  harness = await startCaseHarness();
});
afterAll(async () => {
  await harness?.close();
});

const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

it('the worker bundle preloads every shared module (none dropped by the bundler)', async () => {
  // What Worker.create bundles from the harness's (and the worker's) options
  const { workflowsPath: path, bundlerOptions } = workflowCode;
  const { code } = await bundleWorkflowCode({ workflowsPath: path, ...bundlerOptions, logger: quiet });
  const start = code.indexOf('exports.preloadModules = function preloadModules() {');
  expect(start).toBeGreaterThan(-1);
  const body = code.slice(start, code.indexOf('\n}', start));
  const required = body.match(/__webpack_require__\(/g) ?? [];
  expect(required).toHaveLength(sharedWorkflowModules().length);
});

/**
 * Dates across a DST change, durations, strings, regular expressions, lists, the case's clock,
 * school days on the case's own calendar.
 */
const FACTS = `={
  due: string(date("2024-02-28") + duration("P2D")),
  zoned: string(date and time("2024-03-31T01:30:00@Europe/Paris") + duration("PT1H")),
  label: upper case(student) + "-" + substring(student, 1, 3),
  matched: matches(student, "^[a-z]+$", "i"),
  replaced: replace(student, "a", "o"),
  sorted: sort(scores, function(x, y) x < y),
  total: sum(scores),
  risk: if sum(scores) > 10 then "high" else "low",
  weekday: day of week(date("2024-03-01")),
  tomorrow: string(today() + duration("P1D")),
  later: string(now() + duration("PT36H")),
  schoolDue: string(add school days(date("2026-09-25"), 1)),
  workingDue: string(add working days(date and time("2026-09-25T23:30:00@Europe/Paris"), 2)),
  schoolDay: is school day(date("2026-09-28"))
}`;

const FEEL_CASE = diagram(
  'shared-feel',
  `<bpmn:startEvent id="start" />
   <bpmn:scriptTask id="facts">
     <bpmn:extensionElements><zeebe:script expression="${escape(FACTS)}" resultVariable="facts" /></bpmn:extensionElements>
   </bpmn:scriptTask>
   ${userTask('review', { groups: 'psychTeacher' })}
   <bpmn:endEvent id="end" />`,
  { flows: chain('start', 'facts', 'review', 'end') },
);

it('evaluates FEEL in interleaved cases as plain Node does, and their histories replay with and without sharing', async () => {
  // given two cases of one diagram on one worker, with different variables under the same names
  const deployed = await harness.deploy(FEEL_CASE);
  // and calendars: only the second case's school has 2026-09-28 off
  const calendar = (holidays: string[]) =>
    caseCalendarFrom(
      { unitId: 'school', definition: { timezone: 'Asia/Shanghai', terms: [], holidays, workdays: [] } },
      { fromYear: 2026 },
    );
  const cases = [
    { ...harness.input(deployed, { student: 'anna', scores: [3, 9, 1] }), calendar: calendar([]) },
    { ...harness.input(deployed, { student: 'bert', scores: [2, 1] }), calendar: calendar(['2026-09-28']) },
  ];
  const worker = await harness.newWorker();
  const results = await worker.runUntil(async () => {
    // when both start and wait at their task, then finish in the other order
    const handles = [];
    for (const input of cases) {
      const handle = await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
        workflowId: workflowIdForInstance(input.instance.instanceId),
        taskQueue: harness.taskQueue,
        args: [input],
      });
      await handle.executeUpdate(SYNC_UPDATE, { args: [] });
      handles.push(handle);
    }
    for (const index of [1, 0]) {
      const [task] = await harness.db.query(`SELECT id FROM user_task WHERE instance_id = $1`, [
        cases[index]!.instance.instanceId,
      ]);
      await handles[index]!.executeUpdate(COMPLETE_TASK_UPDATE, {
        args: [{ taskId: task.id, variables: {}, actor: harness.actor }],
      });
    }
    return Promise.all(handles.map((handle) => handle.result()));
  });

  // then each case's FEEL result is what libs/expressions gives outside the sandbox, at the
  // case's own clock (the time the script task was entered)
  for (const [index, input] of cases.entries()) {
    const [entered] = await harness.db.query(
      `SELECT at FROM audit_event WHERE instance_id = $1 AND element_id = 'facts' AND type = 'element.entered'`,
      [input.instance.instanceId],
    );
    const expected = evaluateFeel(FACTS, input.variables, {
      now: (entered.at as Date).toISOString(),
      calendar: input.calendar,
    });
    expect(expected.ok).toBe(true);
    expect(results[index]).toMatchObject({
      state: 'completed',
      variables: { ...input.variables, facts: expected.ok ? expected.value : null },
    });
  }
  expect(results[0]!.variables.facts).toMatchObject({ label: 'ANNA-ann', risk: 'high', sorted: [1, 3, 9] });
  expect(results[1]!.variables.facts).toMatchObject({ label: 'BERT-ber', risk: 'low', sorted: [1, 2] });
  expect(results[0]!.variables.facts).toMatchObject({ zoned: '2024-03-31T03:30:00@Europe/Paris' });
  expect(results[0]!.variables.facts).toMatchObject({
    schoolDue: '2026-09-28T23:59:59+08:00',
    schoolDay: true,
  });
  expect(results[1]!.variables.facts).toMatchObject({
    schoolDue: '2026-09-29T23:59:59+08:00',
    schoolDay: false,
  });

  // and both histories replay with the shared modules and with every module per workflow
  const histories = await Promise.all(
    cases.map(async (input) => {
      const workflowId = workflowIdForInstance(input.instance.instanceId);
      return { workflowId, history: await harness.env.client.workflow.getHandle(workflowId).fetchHistory() };
    }),
  );
  for (const code of [workflowCode, { workflowsPath }]) {
    const replays = Worker.runReplayHistories({ ...code, dataConverter: harness.dataConverter }, histories);
    for await (const replay of replays) {
      expect({ workflowId: replay.workflowId, error: replay.error?.message }).toEqual({
        workflowId: replay.workflowId,
        error: undefined,
      });
    }
  }
});
