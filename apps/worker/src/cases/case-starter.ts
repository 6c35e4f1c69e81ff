import { createHash } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  RUN_PROCESS_WORKFLOW,
  type RunProcessInput,
  workflowIdForInstance,
} from '../../../../libs/contracts/src';

/** What the worker needs to reach other cases: a Temporal client and the cases' task queue. */
export interface CaseStarter {
  client: Client;
  taskQueue: string;
}

/**
 * Starts the workflow of a case whose row is written. A retried job finds it started by its
 * first attempt (same workflow id): that is success, not an error.
 */
export async function startCaseWorkflow(starter: CaseStarter, input: RunProcessInput): Promise<void> {
  try {
    await starter.client.workflow.start(RUN_PROCESS_WORKFLOW, {
      workflowId: workflowIdForInstance(input.instance.instanceId),
      taskQueue: starter.taskQueue,
      args: [input],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * A UUID determined by its parts (RFC 9562 version 8, from SHA-256): the same job and target
 * always name the same case, so a retried job finds the case it started.
 */
export function derivedUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\0')).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
