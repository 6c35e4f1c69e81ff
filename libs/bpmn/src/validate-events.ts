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
import { named } from './diagram-problem';
import { andList, problem, type ProblemText } from './problem-messages';
import { checkExpression, type Report } from './report';
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
      problem('event.jobOnNonMessage', { extension: type, type: event.$type, element: named(event) }),
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
      report(event, problem('signal.missing', { element: named(event) }));
    }
    return;
  }
  const quoted = problem('where.signal', { signal: signal.id ?? '', element: named(event) });
  if (signalName === undefined) {
    report(event, problem('signal.noName', { signal: quoted }));
  } else if (staticName && isFeel(signalName)) {
    report(event, problem('signal.feelStartName', { signal: quoted, value: clip(signalName) }));
  } else {
    checkExpression(event, signalName, problem('where.nameOf', { of: quoted }), report);
  }
}

function checkStartEvent(
  event: ModdleElement,
  kind: EventTrigger['kind'],
  { scope, report }: CheckContext,
): void {
  const container = named(scope.container);
  if (scope.kind === 'process' && (kind === 'error' || kind === 'escalation')) {
    report(
      event,
      problem('startEvent.codeAtProcess', {
        startEvent: problem(`startEvent.${kind}`),
        element: named(event),
      }),
    );
  }
  if (scope.kind === 'embeddedSubProcess' && kind !== 'none') {
    report(
      event,
      problem('startEvent.triggerInSubProcess', {
        element: named(event),
        container,
        startEvent: triggerStartEvent(kind),
      }),
    );
  }
  if (scope.kind === 'eventSubProcess' && kind === 'none') {
    report(event, problem('startEvent.noTrigger', { element: named(event), container }));
  }
  if (scope.kind === 'eventSubProcess' && kind === 'error' && event.isInterrupting === false) {
    report(event, problem('startEvent.errorNonInterrupting', { element: named(event) }));
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
      report(event, problem('boundary.notAttached', { element: named(event) }));
    }
  } else if (!isActivityNode(activity) || isEventSubProcess(activity)) {
    report(
      event,
      problem('boundary.attachedToNonActivity', {
        element: named(event),
        type: activity.$type,
        activity: named(activity),
      }),
    );
  } else if (!scope.nodes.includes(activity)) {
    report(event, problem('boundary.otherScope', { element: named(event), activity: named(activity) }));
  }
  if (kind === 'error' && event.cancelActivity === false) {
    report(event, problem('boundary.errorNonInterrupting', { element: named(event) }));
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
    report(event, problem('timer.missing', { element: named(event) }));
    return;
  }
  if (timers.length > 1) {
    const set = andList(timers.map(({ kind }) => TIMER_PROPERTY[kind]));
    report(event, problem('timer.several', { element: named(event), found: set }));
    return;
  }
  if (!durationAllowed && timer.kind === 'duration') {
    report(event, problem('timer.durationAtStart', { element: named(event) }));
    return;
  }
  checkTimerValue(event, timer, report);
}

function checkTimerValue(event: ModdleElement, timer: TimerDefinition, report: Report): void {
  const where = problem('where.property', { property: TIMER_PROPERTY[timer.kind], element: named(event) });
  if (isFeel(timer.expression)) {
    checkExpression(event, timer.expression, where, report);
    return;
  }
  const expected = staticTimerProblem(timer);
  if (expected) report(event, problem('timer.invalid', { where, expected }));
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
      report(element, problem('message.missing', { element: named(element) }));
    }
    return;
  }
  const quoted = problem('where.message', { message: message.id ?? '', element: named(element) });
  if (messageName === undefined) report(element, problem('message.noName', { message: quoted }));
  else checkExpression(element, messageName, problem('where.nameOf', { of: quoted }), report);
  if (!needsCorrelationKey) return;
  if (correlationKey === undefined) {
    report(element, problem('message.noCorrelationKey', { message: quoted }));
  } else {
    checkExpression(element, correlationKey, problem('where.correlationKeyOf', { of: quoted }), report, {
      feelOnly: true,
    });
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
      report(
        event,
        problem(kind === 'error' ? 'code.missingError' : 'code.missingEscalation', { element: named(event) }),
      );
    }
    return;
  }
  if (throwing)
    checkExpression(event, code, problem('where.property', { property, element: named(event) }), report);
  else if (isFeel(code)) {
    report(event, problem('code.feelCatch', { property, element: named(event), value: clip(code) }));
  }
}

/** "a message start event" and the like, for the kinds a start event may have. */
function triggerStartEvent(kind: EventTrigger['kind']): ProblemText {
  switch (kind) {
    case 'timer':
    case 'message':
    case 'signal':
    case 'error':
    case 'escalation':
      return problem(`startEvent.${kind}`);
    default:
      return problem('startEvent.other', { kind });
  }
}
