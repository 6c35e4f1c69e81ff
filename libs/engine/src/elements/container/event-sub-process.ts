import type { FlowElement } from '../../../../bpmn/src/workflow';
import type { Behaviors } from '../../behaviors/behaviors';
import type { Fired } from '../../behaviors/event-subscriptions';
import type { ElementInstance } from '../../types';

/**
 * Event sub-processes (Zeebe's EventSubProcessProcessor). Once started one runs as an ordinary
 * sub-process (containers.ts); what is theirs alone is here: which start events a scope
 * listens on, and how a triggered one starts in its scope. Their timer and message starts are
 * opened with the scope (event-subscriptions.ts); errors and escalations reach them through the
 * event publication behaviour, before any boundary event of the scope.
 */

/** The event sub-processes directly inside a scope: the process's, or a sub-process's (not a multi-instance body's). */
export function eventSubProcessesOf(b: Behaviors, scope: ElementInstance): readonly string[] {
  if (scope.id === b.state.rootId) return b.model.eventSubProcessIds;
  const element = b.element(scope.elementId);
  return element.type === 'subProcess' && !scope.body ? element.eventSubProcessIds : [];
}

/** The start events of a scope's event sub-processes: where its errors and escalations are caught first. */
export function eventSubProcessStartsOf(b: Behaviors, scope: ElementInstance): string[] {
  return eventSubProcessesOf(b, scope).flatMap((subProcessId) => {
    const subProcess = b.element(subProcessId);
    return subProcess.type === 'subProcess' ? subProcess.startEventIds : [];
  });
}

/** The trigger hook of start events: a timer or message start of an event sub-process fired in its scope. */
export function triggerEventSubProcess(
  b: Behaviors,
  scope: ElementInstance,
  event: FlowElement,
  fired: Fired,
): void {
  if (event.type !== 'startEvent' || event.parentId === undefined) {
    throw new Error(`Element '${event.id}' cannot be triggered for '${scope.elementId}'`);
  }
  startEventSubProcess(b, scope, event.parentId, event.interrupting, fired);
}

/**
 * Starts an event sub-process in `scope`. Interrupting: everything else in the scope ends
 * first and the scope's event triggers close; the scope itself goes on, so its boundary events
 * stay open. Non-interrupting: the trigger stays open (a cycle is rescheduled). The event
 * sub-process is then activated like any sub-process: input mappings, its own event
 * sub-processes' triggers, its start event. The trigger's payload is its own.
 */
export function startEventSubProcess(
  b: Behaviors,
  scope: ElementInstance,
  subProcessId: string,
  interrupting: boolean,
  fired: Fired,
): void {
  if (interrupting) {
    b.transitions.terminateChildren(scope.id);
    b.subscriptions.close(scope.id, 'eventTriggers');
  } else {
    b.subscriptions.reschedule(fired.timer);
  }
  const instance = b.transitions.create(subProcessId, scope.id);
  instance.variables = { ...fired.variables };
  b.transitions.activate(instance);
}
