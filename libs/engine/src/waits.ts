import type { EventTrigger, MessageDefinition, TimerDefinition, TriggerOf } from '../../bpmn/src/workflow';
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
import { feelOptions } from './feel-options';

type TimerWait = Extract<Wait, { kind: 'timer' }>;
/** A subscription: to a message or to a signal. */
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
    const result = evaluateFeel(text, variables, feelOptions(ctx));
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

/** The triggers an event waits for: a timer, a message or a signal (not errors, escalations or links). */
export type WaitTrigger = TriggerOf<'timer'> | TriggerOf<'message'> | TriggerOf<'signal'>;

export function isWaitTrigger(trigger: EventTrigger): trigger is WaitTrigger {
  return trigger.kind === 'timer' || trigger.kind === 'message' || trigger.kind === 'signal';
}

/** The wait of a timer, message or signal event (catch, boundary, event sub-process start): whichever its trigger is. */
export function openTriggerWait(
  elementId: string,
  trigger: WaitTrigger,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): TimerWait | MessageWait | EngineFailure {
  switch (trigger.kind) {
    case 'timer':
      return openTimerWait(elementId, trigger.timer, variables, ctx);
    case 'message':
      return openMessageWait(elementId, trigger, variables, ctx);
    case 'signal':
      return openSignalWait(elementId, trigger.signalName, variables, ctx);
  }
}

/**
 * A signal subscription: the signal's name (static or FEEL), evaluated now. No correlation key:
 * a broadcast signal reaches every subscription of its name (docs/signals.md).
 */
export function openSignalWait(
  elementId: string,
  signalName: string,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): MessageWait | EngineFailure {
  const name = evaluateSignalName(elementId, signalName, variables, ctx);
  return typeof name === 'string'
    ? { kind: 'subscription', subscription: { kind: 'signal', elementId, signalName: name } }
    : name;
}

/** A signal's name, static or FEEL yielding a string or number (as message names). */
export function evaluateSignalName(
  elementId: string,
  signalName: string,
  variables: Readonly<Variables>,
  ctx: EngineContext,
): string | EngineFailure {
  const name = evaluateText('signal name', signalName, variables, ctx);
  return typeof name === 'string' ? name : failure(elementId, name.message);
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
  const result = evaluateFeel(source, variables, feelOptions(ctx));
  if (!result.ok) return { message: `Expected the ${what} to evaluate: ${result.message}` };
  if (typeof result.value === 'string') return result.value;
  if (typeof result.value === 'number') return String(result.value);
  return {
    message: `Expected the ${what} '${source}' to be a string or number, but was ${JSON.stringify(result.value)}`,
  };
}
