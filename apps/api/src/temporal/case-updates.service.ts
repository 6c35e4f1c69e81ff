import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { retryWhileContinuingAsNew } from '../../../../libs/contracts/src/continuing-as-new';
import { SYNC_UPDATE, workflowIdForInstance } from '../../../../libs/contracts/src/process-workflow';
import { TemporalClientService } from './temporal-client.service';

/**
 * Sends Temporal Updates to a case's workflow (`case-<instanceId>`). Authorisation happens in the
 * services before they call this: Update validators are synchronous and see no database, they
 * only refuse what the case's state does not allow (a task that is not open, a subscription
 * already used). A refusal, or a case whose workflow has ended, is a conflict.
 */
@Injectable()
export class CaseUpdates {
  constructor(private readonly temporal: TemporalClientService) {}

  /** Executes the update and returns its result; refusals become 409 with `refusal` and the reason. */
  async execute<R>(
    instanceId: string,
    update: string,
    args: [unknown],
    options: { refusal: string; updateId?: string },
  ): Promise<R> {
    const outcome = await this.tryExecute<R>(instanceId, update, args, options.updateId);
    if (!outcome.accepted) throw new ConflictException(`${options.refusal}: ${outcome.reason}`);
    return outcome.result;
  }

  /** Like `execute`, but a refusal is an answer rather than an error. */
  async tryExecute<R>(
    instanceId: string,
    update: string,
    args: [unknown] | [],
    updateId: string = randomUUID(),
  ): Promise<{ accepted: true; result: R } | { accepted: false; reason: string }> {
    try {
      const handle = this.temporal.client.workflow.getHandle(workflowIdForInstance(instanceId));
      const result = await retryWhileContinuingAsNew(() =>
        args.length === 0
          ? handle.executeUpdate<R, []>(update, { updateId })
          : handle.executeUpdate<R, [unknown]>(update, { args, updateId }),
      );
      return { accepted: true, result };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
        return { accepted: false, reason: (error.cause as Error | undefined)?.message ?? error.message };
      }
      throw error;
    }
  }

  /**
   * Returns once every step the case has taken is written to PostgreSQL, so the caller reads its
   * own writes. A case whose workflow has ended wrote its last step before ending.
   */
  async sync(instanceId: string): Promise<void> {
    await this.tryExecute(instanceId, SYNC_UPDATE, []);
  }
}
