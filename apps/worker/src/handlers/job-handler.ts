import type { DataSource } from 'typeorm';
import type { JobInput, JobResult } from '../../../../libs/contracts/src';
import type { CaseStarter } from '../cases/case-starter';

/** What a handler may use. Handlers get their I/O from here, so tests can hand in their own. */
export interface HandlerDeps {
  db: DataSource;
  /** How a handler starts other cases (`start-case`); absent in a worker without a Temporal client. */
  cases?: CaseStarter;
  /**
   * CAREPATH_DATA_KEY: signs audit entries a handler appends, opens and seals case keys, unseals
   * what field-crypto sealed (a student's guardians) and seals what a handler stores (an outbox
   * message's recipient).
   */
  dataKey: Buffer;
  /**
   * When the job was first scheduled (the activity's first attempt), the same for every retry;
   * "now" when absent. Handlers that default something by date read it, not the clock.
   */
  jobTime?: Date;
}

/**
 * Does the work of one service task. Throwing a plain Error lets Temporal retry it (up to the
 * task's `retries`, then the case raises an incident); throw a non-retryable ApplicationFailure
 * for what no retry can fix (a misconfigured diagram). Returning `bpmnError` throws a BPMN error
 * at the element, for a boundary error event to catch.
 */
export type JobHandler = (input: JobInput, deps: HandlerDeps) => Promise<JobResult>;
