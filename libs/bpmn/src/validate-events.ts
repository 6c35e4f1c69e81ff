import { isFeel } from '../../expressions/src';
import {
  codeOf,
  eventDefinitionOf,
  isThrowingEvent,
  messageOf,
  signalOf,
  TIMER_PROPERTY,
  timersOf,
  triggerKindOf,
} from './element-properties';
import { isActivityNode } from './element-kinds';
import { isEventSubProcess, type FlowScope } from './flow-scopes';
import type { EventTrigger, TimerDefinition } from './model';
import { elementProp, extensionOf, type ModdleElement } from './moddle';
import { checkExpression, describe, type Report } from './report';
import { clip } from './text';
import { staticTimerProblem } from './timer-syntax';
import { checkJobDefinition } from './validate-job';

/** What event and activity checks need beyond the element: where it sits and how to report. */
export interface CheckContext {
  scope: FlowScope;
  report: Report;
  /** Elements whose references moddle could not resolve: it has said so already. */
  unresolvedReferenceIds: ReadonlySet<string>;
}

/** Checks the trigger of a start, end, intermediate or boundary event against where it sits. */
export function checkEvent(event: ModdleElement, context: CheckContext): void {
  const kind = triggerKindOf(event);
  // An event definition the engine does not run is a coverage problem, reported already.
  if (kind === undefined) return;
  if (event.$type === 'bpmn:StartEvent') checkStartEvent(event, kind, context);
  if (event.$type === 'bpmn:BoundaryEvent') checkBoundaryEvent(event, kind, context);
  if (isThrowingEvent(event)) checkThrownJob(event, kind, context.report);

  const definition = eventDefinitionOf(event);
  if (!definition) return;
  const atProcessStart = event.$type === 'bpmn:StartEvent' && context.scope.kind === 'process';
  if (kind === 'timer') checkTimer(event, definition, { durationAllowed: !atProcessStart }, context.report);
  if (kind === 'message') {
    // A process-level message start event opens a new case: there is no case to correlate to.
    checkMessage(event, definition, { needsCorrelationKey: !atProcessStart }, context);
  }
  if (kind === 'signal') checkSignal(event, definition, { staticName: atProcessStart }, context);
  if (kind === 'error' || kind === 'escalation') checkCode(event, definition, kind, context);
}

/**
 * A message throw or end event runs as a job, like a send task (Zeebe): it needs a job type the
 * worker handles. No other throw or end event runs one, so a job definition there would be
 * ignored: it is reported.
 */
function checkThrownJob(event: ModdleElement, kind: EventTrigger['kind'], report: Report): void {
  if (kind === 'messageThrow') return checkJobDefinition(event, report);
  for (const type of ['zeebe:TaskDefinition', 'zeebe:TaskHeaders']) {
    if (!extensionOf(event, type)) continue;
    report(
      event,
      `Expected no ${type} on ${event.$type} ${describe(event)}: only message throw and end events run a job`,
    );
  }
}

/**
 * A signal event names a bpmn:Signal with a name. The name may be FEEL where a running case
 * evaluates it; a top-level signal start event waits before any case exists, so its name is static.
 */
function checkSignal(
  event: ModdleElement,
  definition: ModdleElement,
  { staticName }: { staticName: boolean },
  { report, unresolvedReferenceIds }: CheckContext,
): void {
  const { signal, signalName } = signalOf(definition);
  if (!signal) {
    if (!unresolvedReferenceIds.has(definition.id ?? '') && !unresolvedReferenceIds.has(event.id ?? '')) {
      report(event, `Expected a signal on ${describe(event)}: set signalRef to a bpmn:Signal with a name`);
    }
    return;
  }
  const quoted = `signal '${signal.id ?? ''}' of ${describe(event)}`;
  if (signalName === undefined) {
    report(event, `Expected a name on ${quoted}: set the name of the bpmn:Signal`);
  } else if (staticName && isFeel(signalName)) {
    report(
      event,
      `Expected a static name on ${quoted}: a signal start event waits before any case exists, so there are no variables to evaluate '${clip(signalName)}' with`,
    );
  } else {
    checkExpression(event, signalName, `the name of ${quoted}`, report);
  }
}

function checkStartEvent(
  event: ModdleElement,
  kind: EventTrigger['kind'],
  { scope, report }: CheckContext,
): void {
  const container = describe(scope.container);
  if (scope.kind === 'process' && (kind === 'error' || kind === 'escalation')) {
    report(
      event,
      `Expected ${kind} start event ${describe(event)} inside an event sub-process: at process level nothing can throw to it`,
    );
  }
  if (scope.kind === 'embeddedSubProcess' && kind !== 'none') {
    report(
      event,
      `Expected start event ${describe(event)} of embedded sub-process ${container} to be a none start event: a ${kind} start event belongs in an event sub-process`,
    );
  }
  if (scope.kind === 'eventSubProcess' && kind === 'none') {
    report(
      event,
      `Expected start event ${describe(event)} of event sub-process ${container} to have a message, timer, signal, error or escalation trigger`,
    );
  }
  if (scope.kind === 'eventSubProcess' && kind === 'error' && event.isInterrupting === false) {
    report(
      event,
      `Expected error start event ${describe(event)} to be interrupting: an error ends the scope that throws it`,
    );
  }
}

function checkBoundaryEvent(
  event: ModdleElement,
  kind: EventTrigger['kind'],
  { scope, report, unresolvedReferenceIds }: CheckContext,
): void {
  const activity = elementProp(event, 'attachedToRef');
  if (!activity) {
    if (!unresolvedReferenceIds.has(event.id ?? '')) {
      report(
        event,
        `Expected boundary event ${describe(event)} to be attached to an activity (attachedToRef)`,
      );
    }
  } else if (!isActivityNode(activity) || isEventSubProcess(activity)) {
    report(
      event,
      `Expected boundary event ${describe(event)} to be attached to a task, sub-process or call activity, not to ${activity.$type} ${describe(activity)}`,
    );
  } else if (!scope.nodes.includes(activity)) {
    report(
      event,
      `Expected boundary event ${describe(event)} to sit in the same (sub-)process as ${describe(activity)}, the activity it is attached to`,
    );
  }
  if (kind === 'error' && event.cancelActivity === false) {
    report(
      event,
      `Expected error boundary event ${describe(event)} to be interrupting (cancelActivity="true"): an error ends the activity that throws it`,
    );
  }
}

function checkTimer(
  event: ModdleElement,
  definition: ModdleElement,
  { durationAllowed }: { durationAllowed: boolean },
  report: Report,
): void {
  const timers = timersOf(definition);
  const [timer] = timers;
  if (!timer) {
    report(event, `Expected a timer on ${describe(event)}: set its timeDuration, timeDate or timeCycle`);
    return;
  }
  if (timers.length > 1) {
    const set = timers.map(({ kind }) => TIMER_PROPERTY[kind]).join(' and ');
    report(event, `Expected one of timeDuration, timeDate and timeCycle on ${describe(event)}, found ${set}`);
    return;
  }
  if (!durationAllowed && timer.kind === 'duration') {
    report(
      event,
      `Expected a timeDate or timeCycle on timer start event ${describe(event)}: a duration has nothing to count from before the process starts`,
    );
    return;
  }
  checkTimerValue(event, timer, report);
}

function checkTimerValue(event: ModdleElement, timer: TimerDefinition, report: Report): void {
  const where = `the ${TIMER_PROPERTY[timer.kind]} of ${describe(event)}`;
  if (isFeel(timer.expression)) {
    checkExpression(event, timer.expression, where, report);
    return;
  }
  const problem = staticTimerProblem(timer);
  if (problem) report(event, `Expected ${where} to be ${problem}`);
}

/**
 * Checks the message of a message event or receive task (`holder` references it): a name, and
 * a correlation key where a running case waits for it.
 */
export function checkMessage(
  element: ModdleElement,
  holder: ModdleElement,
  { needsCorrelationKey }: { needsCorrelationKey: boolean },
  { report, unresolvedReferenceIds }: Pick<CheckContext, 'report' | 'unresolvedReferenceIds'>,
): void {
  const { message, messageName, correlationKey } = messageOf(holder);
  if (!message) {
    if (!unresolvedReferenceIds.has(holder.id ?? '')) {
      report(
        element,
        `Expected a message on ${describe(element)}: set messageRef to a bpmn:Message with a name`,
      );
    }
    return;
  }
  const quoted = `message '${message.id ?? ''}' of ${describe(element)}`;
  if (messageName === undefined) report(element, `Expected a name on ${quoted}`);
  else checkExpression(element, messageName, `the name of ${quoted}`, report);
  if (!needsCorrelationKey) return;
  if (correlationKey === undefined) {
    report(
      element,
      `Expected a correlation key on ${quoted}: set zeebe:subscription correlationKey (e.g. =caseKey)`,
    );
  } else {
    checkExpression(element, correlationKey, `the correlation key of ${quoted}`, report, { feelOnly: true });
  }
}

/** Error and escalation codes: required where thrown, static where caught (catch-all when absent). */
function checkCode(
  event: ModdleElement,
  definition: ModdleElement,
  kind: 'error' | 'escalation',
  { report, unresolvedReferenceIds }: CheckContext,
): void {
  const { referenced, code } = codeOf(definition);
  const throwing = event.$type === 'bpmn:EndEvent' || event.$type === 'bpmn:IntermediateThrowEvent';
  const property = kind === 'error' ? 'errorCode' : 'escalationCode';
  if (code === undefined) {
    const alreadyReported = !referenced && unresolvedReferenceIds.has(definition.id ?? '');
    if (throwing && !alreadyReported) {
      const reference = kind === 'error' ? 'errorRef to a bpmn:Error' : 'escalationRef to a bpmn:Escalation';
      report(
        event,
        `Expected an ${property} on ${kind} event ${describe(event)}: set its ${reference} with an ${property}`,
      );
    }
    return;
  }
  if (throwing) checkExpression(event, code, `the ${property} of ${describe(event)}`, report);
  else if (isFeel(code)) {
    report(
      event,
      `Expected a static ${property} on ${describe(event)}: a catching event matches thrown codes, got '${clip(code)}'`,
    );
  }
}
