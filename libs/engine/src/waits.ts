import type { MessageDefinition, TimerDefinition, TriggerOf } from '../../bpmn/src/workflow';
import {
  addDuration,
  evaluateFeel,
  isFeel,
  parseCycle,
  parseDuration,
  toUtcInstant,
} from '../../expressions/src';
import { failure, type Wait } from './elements/handler';
import type { EngineContext, EngineFailure, Variables } from './types';

type TimerWait = Extract<Wait, { kind: 'timer' }>;
type MessageWait = Extract<Wait, { kind: 'subscription' }>;

/**
 * When a timer is due, from its definition: a duration from now, a date, or a cycle (first
 * firing at its start or one interval from now; the rest are rescheduled as it fires). FEEL
 * yields the same text forms.
 */
export function openTimerWait(
  elementId: string,
  timer: TimerDefinition,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): TimerWait | EngineFailure {
  let text = timer.expression;
  if (isFeel(text)) {
    const result = evaluateFeel(text, variables, { now: ctx.now });
    if (!result.ok) return failure(elementId, `Expected the timer to evaluate: ${result.message}`);
    if (typeof result.value !== 'string') {
      return failure(
        elementId,
        `Expected the timer '${timer.expression}' to yield a ${timer.kind} as text, but was ${JSON.stringify(result.value)}`,
      );
    }
    text = result.value;
  }
  switch (timer.kind) {
    case 'duration': {
      const duration = parseDuration(text);
      if (!duration)
        return failure(elementId, `Expected an ISO 8601 duration such as 'PT24H', but was '${text}'`);
      return { kind: 'timer', timer: { elementId, dueAt: addDuration(ctx.now, duration) } };
    }
    case 'date': {
      const dueAt = toUtcInstant(text);
      if (dueAt === null) {
        return failure(elementId, `Expected an ISO 8601 date-time with offset, but was '${text}'`);
      }
      return { kind: 'timer', timer: { elementId, dueAt } };
    }
    case 'cycle': {
      const cycle = parseCycle(text);
      if (!cycle)
        return failure(elementId, `Expected a repeating interval such as 'R3/PT1H', but was '${text}'`);
      if (cycle.repetitions === 0)
        return failure(elementId, `Expected a cycle that fires at least once: '${text}'`);
      return {
        kind: 'timer',
        timer: { elementId, dueAt: cycle.start ?? addDuration(ctx.now, cycle.interval) },
        repeat: {
          interval: cycle.intervalText,
          remaining: cycle.repetitions === null ? null : cycle.repetitions - 1,
        },
      };
    }
  }
}

/** The wait of a timer or message event (catch, boundary, event sub-process start): whichever its trigger is. */
export function openTriggerWait(
  elementId: string,
  trigger: TriggerOf<'timer'> | TriggerOf<'message'>,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): TimerWait | MessageWait | EngineFailure {
  return trigger.kind === 'timer'
    ? openTimerWait(elementId, trigger.timer, variables, ctx)
    : openMessageWait(elementId, trigger, variables, ctx);
}

/** The next firing of a repeating timer, or null when it has fired its last. */
export function nextCycleDue(
  dueAt: string,
  repeat: { interval: string; remaining: number | null },
): { dueAt: string; remaining: number | null } | null {
  if (repeat.remaining === 0) return null;
  const interval = parseDuration(repeat.interval);
  if (!interval) return null;
  return {
    dueAt: addDuration(dueAt, interval),
    remaining: repeat.remaining === null ? null : repeat.remaining - 1,
  };
}

/** A message subscription: its name (static or FEEL) and correlation key, evaluated now. */
export function openMessageWait(
  elementId: string,
  message: MessageDefinition,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): MessageWait | EngineFailure {
  const name = evaluateText('message name', message.messageName, variables, ctx);
  if (typeof name !== 'string') return failure(elementId, name.message);
  if (message.correlationKey === undefined) {
    return failure(elementId, `Expected a correlation key for message '${name}'`);
  }
  const key = evaluateText('correlation key', message.correlationKey, variables, ctx);
  if (typeof key !== 'string') return failure(elementId, key.message);
  return { kind: 'subscription', subscription: { elementId, messageName: name, correlationKey: key } };
}

/** Static text, or FEEL yielding a string or number (Zeebe accepts both as correlation keys). */
function evaluateText(
  what: string,
  source: string,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): string | { message: string } {
  if (!isFeel(source)) return source;
  const result = evaluateFeel(source, variables, { now: ctx.now });
  if (!result.ok) return { message: `Expected the ${what} to evaluate: ${result.message}` };
  if (typeof result.value === 'string') return result.value;
  if (typeof result.value === 'number') return String(result.value);
  return {
    message: `Expected the ${what} '${source}' to be a string or number, but was ${JSON.stringify(result.value)}`,
  };
}
