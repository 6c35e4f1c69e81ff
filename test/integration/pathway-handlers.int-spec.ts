import type { Worker } from '@temporalio/worker';
import { RUN_PROCESS_WORKFLOW, SYNC_UPDATE, workflowIdForInstance } from '../../libs/contracts/src';
import { previousReportMonth } from '../../libs/persistence/src';
import { chain, diagram } from '../support/bpmn-xml';
import { type CaseHarness, startCaseHarness } from '../support/case-harness';

jest.setTimeout(120_000);

/**
 * The pathway's handlers as the worker runs them: registered (no test handlers), on the real
 * Temporal server, through the activity that hands them the job's first scheduled time.
 */
let harness: CaseHarness;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  harness = await startCaseHarness();
  worker = await harness.newWorker();
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await harness?.close();
});

const REPORT = diagram(
  'compile-report-only',
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="compile" name="汇总月报">
     <bpmn:extensionElements><zeebe:taskDefinition type="compile-monthly-report" retries="2" /></bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:endEvent id="end" />`,
  { flows: chain('start', 'compile', 'end') },
);

it('compile-monthly-report runs in the worker: the month before the job was scheduled, stored once', async () => {
  // given a case whose diagram compiles the report, with no month given
  const before = previousReportMonth(new Date());
  const input = harness.input(await harness.deploy(REPORT));

  // when it runs
  const handle = await harness.env.client.workflow.start(RUN_PROCESS_WORKFLOW, {
    workflowId: workflowIdForInstance(input.instance.instanceId),
    taskQueue: harness.taskQueue,
    args: [input],
  });
  await handle.executeUpdate(SYNC_UPDATE, { args: [] });
  const result = await handle.result();
  const after = previousReportMonth(new Date());

  // then the case holds the report's id, month and counts, and the report is stored for it
  expect(result).toMatchObject({
    state: 'completed',
    variables: { reportId: expect.any(String), reportMonth: expect.stringMatching(/^\d{4}-\d{2}$/) },
  });
  const { reportId, reportMonth, reportCounts } = result.variables as Record<string, unknown>;
  expect([before, after]).toContain(reportMonth);
  expect(reportCounts).toMatchObject({ newCases: expect.any(Number), byRiskLevel: expect.any(Object) });
  const rows = await harness.db.query(`SELECT id, month FROM monthly_report WHERE instance_id = $1`, [
    input.instance.instanceId,
  ]);
  expect(rows).toEqual([{ id: reportId, month: reportMonth }]);
});
