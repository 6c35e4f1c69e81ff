import type { DataSource } from 'typeorm';
import type { JobInput, JobResult } from '../../../../libs/contracts/src';

/** What a handler may use. Handlers get their I/O from here, so tests can hand in their own. */
export interface HandlerDeps {
  db: DataSource;
  /** CAREPATH_DATA_KEY: signs audit entries a handler appends, opens and seals case keys. */
  dataKey: Buffer;
}

/**
 * Does the work of one service task. Throwing a plain Error lets Temporal retry it (up to the
 * task's `retries`, then the case raises an incident); throw a non-retryable ApplicationFailure
 * for what no retry can fix (a misconfigured diagram). Returning `bpmnError` throws a BPMN error
 * at the element, for a boundary error event to catch.
 */
export type JobHandler = (input: JobInput, deps: HandlerDeps) => Promise<JobResult>;
