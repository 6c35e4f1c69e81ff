import { continueLoop, multiInstanceBody } from '../elements/container/multi-instance-body';
import type { ElementInstance, OpenIncident, Variables } from '../types';
import type { Behaviors } from './behaviors';

/**
 * Incidents (Zeebe's incident behaviour): an instance that cannot go on stops where it is with
 * an incident; resolving it retries exactly what failed; an instance that ends takes its
 * incidents with it.
 */
export class Incidents {
  constructor(private readonly b: Behaviors) {}

  /** The instance stops where it is; resolving the incident retries what failed. */
  raise(
    instance: ElementInstance,
    message: string,
    retry: OpenIncident['retry'],
    variables?: Variables,
  ): void {
    instance.state = 'incident';
    this.record(instance, instance.elementId, message, retry, variables);
  }

  /** An incident that does not stop the instance (an event sub-process trigger that could not open). */
  record(
    instance: ElementInstance,
    elementId: string,
    message: string,
    retry: OpenIncident['retry'],
    variables?: Variables,
  ): void {
    const incidentId = this.b.newId();
    this.b.state.incidents[incidentId] = {
      incidentId,
      instanceId: instance.id,
      elementId,
      message,
      retry,
      ...(variables === undefined ? {} : { variables }),
    };
    this.b.log.command({ type: 'raiseIncident', incident: { incidentId, elementId, message } });
    this.b.log.event({ type: 'incident.raised', elementId, data: { incidentId, message } });
  }

  /** Resolves the incidents of an instance that ended: there is nothing left to retry. */
  closeOf(instanceId: string, reason: 'terminated' | 'completed'): void {
    const { state, log } = this.b;
    for (const incident of Object.values(state.incidents)) {
      if (incident.instanceId !== instanceId) continue;
      delete state.incidents[incident.incidentId];
      log.command({ type: 'resolveIncident', incidentId: incident.incidentId });
      log.event({
        type: 'incident.resolved',
        elementId: incident.elementId,
        data: { incidentId: incident.incidentId, reason },
      });
    }
  }

  /** Retries what an incident stopped (it was resolved, its variables set). */
  retry(instance: ElementInstance, incident: OpenIncident): void {
    const { transitions, subscriptions } = this.b;
    if (incident.retry === 'trigger') {
      subscriptions.openEventSubProcessTriggers(instance);
      return;
    }
    instance.state = instance.body ? 'scope' : 'waiting';
    switch (incident.retry) {
      case 'activate':
        if (instance.body) return multiInstanceBody.activate(this.b, instance);
        return transitions.activate(instance);
      case 'complete':
        if (instance.body) return continueLoop(this.b, instance);
        return transitions.complete(instance, incident.variables);
      case 'job': {
        // Its own work starts again (a job, a called case); its boundary events stayed open.
        const activation = transitions.decide(instance);
        if (activation.kind === 'failure') return this.raise(instance, activation.message, 'job');
        if (activation.kind !== 'wait') return transitions.carryOut(instance, activation);
        for (const wait of activation.waits) subscriptions.open(instance, wait);
        return;
      }
    }
  }
}
