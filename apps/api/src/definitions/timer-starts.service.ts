import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ProcessModel } from '../../../../libs/bpmn/src';
import {
  TIMER_START_WORKFLOW,
  type TimerStartInput,
  workflowIdForTimerStart,
} from '../../../../libs/contracts/src';
import { evaluateFeel, isFeel } from '../../../../libs/expressions/src';
import { TemporalClientService } from '../temporal/temporal-client.service';

type Timers = TimerStartInput['timers'];

/**
 * Keeps one `timerStartCases` workflow per process key in step with its latest version: a new
 * version with timer start events replaces the schedule, one without them ends it. Running
 * cases are untouched either way.
 */
@Injectable()
export class TimerStarts {
  constructor(private readonly temporal: TemporalClientService) {}

  /** The model's timer start events, FEEL evaluated once now (they see no case variables). */
  static timersOf(model: ProcessModel, now: string): Timers {
    return model.triggeredStartEventIds.flatMap((id) => {
      const start = model.elements[id];
      if (start?.type !== 'startEvent' || start.trigger.kind !== 'timer') return [];
      const { kind, expression } = start.trigger.timer;
      if (kind === 'duration') return [];
      if (!isFeel(expression)) return [{ startEventId: id, kind, expression }];
      const value = evaluateFeel(expression, {}, { now });
      return value.ok && typeof value.value === 'string'
        ? [{ startEventId: id, kind, expression: value.value }]
        : [];
    });
  }

  /**
   * Starts (or, for a re-deployment of the same latest version, keeps) the schedule of the
   * definition's timer start events (`timersOf` its model), or ends the key's schedule when it
   * has none.
   */
  async sync(
    definition: { id: string; key: string },
    timers: Timers,
    orgUnitId: string,
    replace: boolean,
  ): Promise<void> {
    const workflowId = workflowIdForTimerStart(definition.key);
    if (timers.length === 0) {
      if (!replace) return;
      try {
        await this.temporal.client.workflow
          .getHandle(workflowId)
          .terminate('A version without timer start events');
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      return;
    }
    const input: TimerStartInput = {
      definitionId: definition.id,
      definitionKey: definition.key,
      orgUnitId,
      timers,
    };
    await this.temporal.client.workflow.start(TIMER_START_WORKFLOW, {
      workflowId,
      taskQueue: this.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: replace ? 'TERMINATE_EXISTING' : 'USE_EXISTING',
    });
  }
}
