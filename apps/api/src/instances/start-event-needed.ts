import { noNoneStartEventReason, triggeredStartsOf } from '../../../../libs/bpmn/src';
import type { ProcessModel } from '../../../../libs/bpmn/src';
import { ProblemException } from '../common/problem.filter';

/**
 * Why `POST /api/instances` cannot start a case of `model`, or undefined when it can: that
 * endpoint begins a case at the none start event, and a process that only messages or timers
 * start (Camunda 8 deploys those) has none. The answer names the start events that do start
 * it, so the caller knows to publish the message or wait for the timer.
 */
export function noNoneStartEventProblem(model: ProcessModel): ProblemException | undefined {
  const detail = noNoneStartEventReason(model);
  if (detail === undefined) return undefined;
  const starts = triggeredStartsOf(model);
  return new ProblemException(
    400,
    detail,
    starts.length === 0
      ? [{ path: 'definitionKey', message: detail }]
      : starts.map((start) => ({
          path: 'definitionKey',
          elementId: start.elementId,
          message: start.message,
        })),
  );
}
