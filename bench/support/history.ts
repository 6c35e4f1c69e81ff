import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { benchPayloadCodec } from './temporal';

type HistoryEvent = NonNullable<History['events']>[number];

/** 'WorkflowExecutionUpdateAccepted' etc.: named after the attributes the event carries. */
export function eventTypeName(event: HistoryEvent): string {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventAttributes') && value) {
      const name = key.slice(0, -'EventAttributes'.length);
      return name.charAt(0).toUpperCase() + name.slice(1);
    }
  }
  return `EventType${String(event.eventType)}`;
}

export interface RunHistory {
  runId: string;
  events: number;
  eventTypes: string[];
  /** Bytes of the continue-as-new input payload, and of its `resume` field as JSON; null for the last run. */
  carried: { inputBytes: number; resumeBytes: number } | null;
  nextRunId: string | null;
}

/** One run's history, with what it carried into the next run when it continued as new. */
export async function runHistory(client: Client, workflowId: string, runId?: string): Promise<RunHistory> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  let carried: RunHistory['carried'] = null;
  let nextRunId: string | null = null;
  for (const event of events) {
    const continued = event.workflowExecutionContinuedAsNewEventAttributes;
    if (!continued) continue;
    nextRunId = continued.newExecutionRunId ?? null;
    const payloads = continued.input?.payloads ?? [];
    const inputBytes = payloads.reduce((sum, payload) => sum + (payload.data?.byteLength ?? 0), 0);
    // Payloads reach the history sealed by the codec, as the worker seals them.
    const [first] = await benchPayloadCodec.decode(payloads.slice(0, 1));
    const input = first?.data
      ? (JSON.parse(Buffer.from(first.data).toString('utf8')) as { resume?: unknown })
      : {};
    const resumeBytes = Buffer.byteLength(JSON.stringify(input.resume ?? null));
    carried = { inputBytes, resumeBytes };
  }
  const startedRunId = runId ?? '';
  return {
    runId: startedRunId,
    events: events.length,
    eventTypes: events.map(eventTypeName),
    carried,
    nextRunId,
  };
}

/** The event types of the workflow's current run, for reporting a case that misbehaved. */
export async function currentRunEventTypes(client: Client, workflowId: string): Promise<string[]> {
  return (await runHistory(client, workflowId)).eventTypes;
}

/** Every run of a workflow from its first, following each continue-as-new to the next. */
export async function allRuns(client: Client, workflowId: string, firstRunId: string): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | null = firstRunId;
  while (runId) {
    const run: RunHistory = { ...(await runHistory(client, workflowId, runId)), runId };
    runs.push(run);
    runId = run.nextRunId;
  }
  return runs;
}
