import { type FlowElement, isActivity } from '../../../bpmn/src/workflow';
import { eventSubProcessStartsOf, startEventSubProcess } from '../elements/container/event-sub-process';
import { catchOnBoundary } from '../elements/event/boundary-event';
import type { ElementInstance, ErrorCatchers, OpenIncident } from '../types';
import type { Behaviors } from './behaviors';

export type Signal = 'error' | 'escalation';

/**
 * Errors and escalations (Zeebe's event publication behaviour): finding the nearest catcher
 * from a scope outwards, handing the signal to it, and what becomes of an error nobody in this
 * case catches.
 */
export class EventPublication {
  constructor(private readonly b: Behaviors) {}

  /**
   * Throws an error or escalation to the nearest catcher: walking up from `fromScopeId`, at each
   * level an event sub-process of that scope catches first, then a boundary event on it. The
   * code must match, or the catcher have none.
   * Returns 'interrupted' when the catcher ended the thrower's scope, 'continued' when a
   * non-interrupting catcher took it, 'uncaught' when none did.
   */
  throw(signal: Signal, code: string, fromScopeId: string | null): 'interrupted' | 'continued' | 'uncaught' {
    const { b } = this;
    for (let id = fromScopeId; id !== null;) {
      const level = b.instance(id);
      if (!level) break;
      const element = level.id === b.state.rootId ? null : b.element(level.elementId);
      const start = this.findCatcher(eventSubProcessStartsOf(b, level), signal, code);
      if (start?.type === 'startEvent' && start.parentId !== undefined) {
        const interrupting = signal === 'error' || start.interrupting;
        startEventSubProcess(b, level, start.parentId, interrupting, { variables: {} });
        return interrupting ? 'interrupted' : 'continued';
      }
      if (element && isActivity(element) && b.subscriptions.carriesBoundaries(level)) {
        const boundary = this.findCatcher(element.boundaryEventIds, signal, code);
        if (boundary?.type === 'boundaryEvent') {
          const interrupting = signal === 'error' || boundary.cancelActivity;
          catchOnBoundary(b, level, boundary.id, interrupting, {});
          return interrupting ? 'interrupted' : 'continued';
        }
      }
      id = level.parentId;
    }
    return 'uncaught';
  }

  /**
   * An error nothing in this case catches: it goes to the calling case when that one catches it
   * (this case ends), else it is an incident at the element that threw it.
   */
  uncaughtError(
    instance: ElementInstance,
    code: string,
    detail: string | undefined,
    retry: OpenIncident['retry'],
  ): void {
    const { b } = this;
    const caller = b.state.parentCatches;
    if (!caller || !(caller.all || caller.codes.includes(code))) {
      const why = detail === undefined ? '' : ` (${detail})`;
      return b.incidents.raise(
        instance,
        `Expected a catch event for error '${code}'${why}, but none catches it`,
        retry,
      );
    }
    const message = detail ?? `Error '${code}' thrown at '${instance.elementId}'`;
    b.transitions.terminateChildren(b.state.rootId);
    b.subscriptions.close(b.state.rootId);
    for (const incident of Object.values(b.state.incidents)) {
      delete b.state.incidents[incident.incidentId];
      b.log.command({ type: 'resolveIncident', incidentId: incident.incidentId });
    }
    b.state.status = 'cancelled';
    b.log.command({ type: 'throwToParent', errorCode: code, message });
    b.log.event({
      type: 'instance.terminated',
      elementId: instance.elementId,
      data: { errorCode: code, caughtBy: 'calling case' },
    });
  }

  /** Every error code a catcher at or around `instance` takes (event sub-processes, boundaries), the caller's included. */
  errorCatchersOf(instance: ElementInstance): ErrorCatchers {
    const { b } = this;
    const codes = new Set<string>(b.state.parentCatches?.codes ?? []);
    let all = b.state.parentCatches?.all ?? false;
    const take = (eventIds: readonly string[]): void => {
      for (const id of eventIds) {
        const event = b.element(id);
        if ((event.type !== 'boundaryEvent' && event.type !== 'startEvent') || event.trigger.kind !== 'error')
          continue;
        if (event.trigger.errorCode === undefined) all = true;
        else codes.add(event.trigger.errorCode);
      }
    };
    for (let id: string | null = instance.id; id !== null;) {
      const level = b.instance(id);
      if (!level) break;
      const element = level.id === b.state.rootId ? null : b.element(level.elementId);
      take(eventSubProcessStartsOf(b, level));
      if (element && isActivity(element) && b.subscriptions.carriesBoundaries(level))
        take(element.boundaryEventIds);
      id = level.parentId;
    }
    return { codes: [...codes].sort(), all };
  }

  /** The catcher for a code: one naming it exactly wins over a catch-all. */
  private findCatcher(eventIds: readonly string[], signal: Signal, code: string): FlowElement | undefined {
    const candidates = eventIds
      .map((id) => this.b.element(id))
      .filter((event) => {
        if (event.type !== 'boundaryEvent' && event.type !== 'startEvent') return false;
        return event.trigger.kind === signal;
      });
    const codeOf = (event: FlowElement): string | undefined => {
      if (event.type !== 'boundaryEvent' && event.type !== 'startEvent') return undefined;
      const { trigger } = event;
      if (trigger.kind === 'error') return trigger.errorCode;
      if (trigger.kind === 'escalation') return trigger.escalationCode;
      return undefined;
    };
    return (
      candidates.find((event) => codeOf(event) === code) ??
      candidates.find((event) => codeOf(event) === undefined)
    );
  }
}
