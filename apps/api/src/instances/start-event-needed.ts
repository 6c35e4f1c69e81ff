import type { ProcessModel, StartEventElement } from '../../../../libs/bpmn/src/model';
import { ProblemException } from '../common/problem.filter';

/**
 * Why `POST /api/instances` cannot start a case of `model`, or undefined when it can: that
 * endpoint begins a case at the none start event, and a process that only messages or timers
 * start (Camunda 8 deploys those) has none. The answer names the start events that do start it,
 * so the caller knows to publish the message or wait for the timer.
 */
export function noNoneStartEventProblem(model: ProcessModel): ProblemException | undefined {
  if (model.startEventIds.length > 0) return undefined;
  const starts = (model.triggeredStartEventIds ?? []).flatMap((id) => {
    const element = model.elements[id];
    return element?.type === 'startEvent' ? [element] : [];
  });
  const ways = starts.map(wayToStart);
  const detail =
    ways.length === 0
      ? `Process '${model.id}' has no start event a case can begin at`
      : `Process '${model.id}' has no none start event: it starts ${ways.map((way) => way.summary).join(' or ')}`;
  return new ProblemException(
    400,
    detail,
    ways.length === 0
      ? [{ path: 'definitionKey', message: detail }]
      : ways.map((way) => ({ path: 'definitionKey', elementId: way.elementId, message: way.message })),
  );
}

interface WayToStart {
  elementId: string;
  summary: string;
  message: string;
}

function wayToStart(start: StartEventElement): WayToStart {
  const { id, trigger } = start;
  if (trigger.kind === 'message') {
    return {
      elementId: id,
      summary: `by message '${trigger.messageName}' (start event '${id}', POST /api/messages)`,
      message: `Expected message '${trigger.messageName}' to start this process: publish it with POST /api/messages (start event '${id}')`,
    };
  }
  const timer = trigger.kind === 'timer' ? ` (${trigger.timer.expression})` : '';
  return {
    elementId: id,
    summary: `by its timer (start event '${id}')`,
    message: `Expected the timer of start event '${id}'${timer} to start this process: no request starts it`,
  };
}
