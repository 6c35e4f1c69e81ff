import type { ProcessModel } from './model';

/** One way a case of a process without a none start event begins: a message, a signal or its timer. */
export interface TriggeredStart {
  /** The start event's id. */
  elementId: string;
  /** "by message 'x' (start event 'y', POST /api/messages)" or "by its timer (start event 'y')". */
  summary: string;
  /** Why the start event, not the caller, begins the case, for errors[].message. */
  message: string;
}

/**
 * The message, signal and timer start events of `model`, described for a person who tried to start it
 * the way a none start event is started (POST /api/instances, a call activity) and could not:
 * Camunda 8 deploys a process that only messages, signals or timers start, and so does CarePath.
 */
export function triggeredStartsOf(model: ProcessModel): TriggeredStart[] {
  return (model.triggeredStartEventIds ?? []).flatMap((id): TriggeredStart[] => {
    const element = model.elements[id];
    if (element?.type !== 'startEvent') return [];
    const { trigger } = element;
    if (trigger.kind === 'message') {
      return [
        {
          elementId: id,
          summary: `by message '${trigger.messageName}' (start event '${id}', POST /api/messages)`,
          message: `Expected message '${trigger.messageName}' to start this process: publish it with POST /api/messages (start event '${id}')`,
        },
      ];
    }
    if (trigger.kind === 'signal') {
      return [
        {
          elementId: id,
          summary: `by signal '${trigger.signalName}' (start event '${id}', POST /api/signals)`,
          message: `Expected signal '${trigger.signalName}' to start this process: broadcast it with POST /api/signals or a signal throw event (start event '${id}')`,
        },
      ];
    }
    const timer = trigger.kind === 'timer' ? ` (${trigger.timer.expression})` : '';
    return [
      {
        elementId: id,
        summary: `by its timer (start event '${id}')`,
        message: `Expected the timer of start event '${id}'${timer} to start this process: no request starts it`,
      },
    ];
  });
}

/**
 * Whether the model says it has no none start event. A stored model that does not list its
 * start events at all (no compiler wrote one; test doubles do) is left to the engine to judge.
 */
export function startsOnlyByTrigger(model: ProcessModel): boolean {
  const ids = (model as Partial<ProcessModel>).startEventIds;
  return Array.isArray(ids) && ids.length === 0;
}

/**
 * Why nothing but a message or a timer starts `model`, or undefined when it has a none start
 * event: "Process 'x' has no none start event: it starts by message 'go' (…) or by its timer (…)".
 */
export function noNoneStartEventReason(model: ProcessModel): string | undefined {
  if (!startsOnlyByTrigger(model)) return undefined;
  const starts = triggeredStartsOf(model);
  return starts.length === 0
    ? `Process '${model.id}' has no start event a case can begin at`
    : `Process '${model.id}' has no none start event: it starts ${starts.map((start) => start.summary).join(' or ')}`;
}

/**
 * The top-level signal start event of `model` that `signalName` triggers, or undefined. Such an
 * event starts a new case when the signal is broadcast (an event sub-process's signal start is a
 * subscription of a running case instead, and is not top level).
 */
export function signalStartEventOf(model: ProcessModel, signalName: string): string | undefined {
  return (model.triggeredStartEventIds ?? []).find((id) => {
    const element = model.elements[id];
    return (
      element?.type === 'startEvent' &&
      !element.parentId &&
      element.trigger.kind === 'signal' &&
      element.trigger.signalName === signalName
    );
  });
}
