import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  retryWhileContinuingAsNew,
  RUN_PROCESS_WORKFLOW,
  type RunProcessInput,
  type RunProcessWorkflow,
  SYNC_UPDATE,
  workflowIdForInstance,
} from '../../../../libs/contracts/src';
import { ProblemException } from '../common/problem.filter';
import { TemporalClientService } from './temporal-client.service';

/**
 * Starts a case's workflow (`case-<instanceId>`) and sends it Temporal Updates: the one path from
 * the api to a case. Authorisation happens in the services before they call this: Update validators are synchronous and see no database, they
 * only refuse what the case's state does not allow (a task that is not open, a subscription
 * already used). A refusal, or a case whose workflow has ended, is a conflict. No Update is
 * awaited longer than CASE_UPDATE_TIMEOUT_MS: a case that does not answer by then is a 504.
 */
@Injectable()
export class CaseUpdates {
  private readonly logger = new Logger('CaseUpdates');

  constructor(private readonly temporal: TemporalClientService) {}

  /** How long a request waits for a case (CASE_UPDATE_TIMEOUT_MS). */
  get answerTimeoutMs(): number {
    return this.temporal.answerTimeoutMs;
  }

  /** 503 unless Temporal is connected: checked before a case's row is written, so none remains. */
  assertReachable(): void {
    void this.temporal.client;
  }

  /**
   * Starts the case's workflow and waits, by the SYNC_UPDATE, until its first step is written to
   * PostgreSQL, within CASE_UPDATE_TIMEOUT_MS for both together (docs/adr/0007). True when it
   * was; false when the case did not answer in time (it may have started: see `workflowExists`).
   * A start Temporal refuses throws. One Update only: the first step is the one it waits for.
   */
  async start(input: RunProcessInput): Promise<boolean> {
    const answer = await this.temporal.answerWithin(async (client) => {
      const handle = await client.workflow.start<RunProcessWorkflow>(RUN_PROCESS_WORKFLOW, {
        workflowId: workflowIdForInstance(input.instance.instanceId),
        taskQueue: this.temporal.taskQueue,
        args: [input],
      });
      await handle.executeUpdate(SYNC_UPDATE, { args: [] });
    });
    return answer.answered;
  }

  /** Whether the case's workflow exists (asked within 2 s; no answer counts as no). */
  async workflowExists(instanceId: string): Promise<boolean> {
    const described = await this.temporal
      .answerWithin((client) => client.workflow.getHandle(workflowIdForInstance(instanceId)).describe(), 2000)
      .catch(() => ({ answered: false as const }));
    return described.answered;
  }

  /**
   * Executes the update and returns its result; refusals become 409 with `refusal` and the
   * reason. `unanswered` says what may still happen when the case does not answer in time.
   */
  async execute<R, A extends [unknown]>(
    instanceId: string,
    update: UpdateDefinition<R, A>,
    args: A,
    options: { refusal: string; unanswered: string; updateId?: string },
  ): Promise<R> {
    const outcome = await this.tryExecute(instanceId, update, args, options);
    if (!outcome.accepted) throw new ConflictException(`${options.refusal}: ${outcome.reason}`);
    return outcome.result;
  }

  /** Like `execute`, but a refusal is an answer rather than an error. */
  async tryExecute<R, A extends [unknown] | []>(
    instanceId: string,
    update: UpdateDefinition<R, A>,
    args: A,
    options: { unanswered: string; updateId?: string },
  ): Promise<{ accepted: true; result: R } | { accepted: false; reason: string }> {
    const updateId = options.updateId ?? randomUUID();
    try {
      const answer = await this.temporal.answerWithin((client) => {
        const handle = client.workflow.getHandle(workflowIdForInstance(instanceId));
        // One call for both arities: an Update without arguments is sent with `args: []`.
        const typed = update as UpdateDefinition<R, [unknown]>;
        return retryWhileContinuingAsNew(() =>
          handle.executeUpdate(typed, { args: args as [unknown], updateId }),
        );
      });
      if (!answer.answered) throw this.unanswered(instanceId, options.unanswered);
      return { accepted: true, result: answer.value };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
        return { accepted: false, reason: (error.cause as Error | undefined)?.message ?? error.message };
      }
      throw error;
    }
  }

  /** The 504 for a case that did not answer within the deadline. */
  private unanswered(instanceId: string, consequence: string): CaseDidNotAnswer {
    return new CaseDidNotAnswer(
      `Case ${instanceId} did not answer within ${this.temporal.answerTimeoutMs / 1000} s (is the worker running?): ${consequence}`,
    );
  }
}

/** A case's workflow did not answer within CASE_UPDATE_TIMEOUT_MS. */
export class CaseDidNotAnswer extends ProblemException {
  constructor(detail: string) {
    super(504, detail);
  }
}
