import type { Behaviors } from '../../behaviors/behaviors';
import type { ElementInstance, Variables } from '../../types';
import { completeAtOnce, type ElementHandler, type ElementOfType } from '../handler';

/**
 * Boundary events (Zeebe's BoundaryEventProcessor). A timer or message boundary is opened with
 * its activity (event-subscriptions.ts); error and escalation boundaries only listen (the
 * event publication behaviour finds them). When one occurs it is entered in the activity's
 * scope and completes at once, its token going on along its own flows.
 */
export const boundaryEventHandler: ElementHandler<ElementOfType<'boundaryEvent'>> = {
  // Entered only once triggered, and then it completes at once.
  ...completeAtOnce,
  /**
   * Its timer or message fired for the activity it is attached to: interrupting, the activity
   * ends; non-interrupting, it stays and a repeating timer is rescheduled.
   */
  trigger: (b, activity, event, fired) => {
    if (event.type !== 'boundaryEvent') {
      throw new Error(`Element '${event.id}' cannot be triggered for '${activity.elementId}'`);
    }
    if (!event.cancelActivity) b.subscriptions.reschedule(fired.timer);
    catchOnBoundary(b, activity, event.id, event.cancelActivity, fired.variables);
  },
};

/**
 * The boundary event `boundaryId` of `activity` occurs (a trigger, or a caught error or
 * escalation): interrupting, the activity is terminated first; then the boundary event is
 * entered in the activity's scope and completes with `variables`.
 */
export function catchOnBoundary(
  b: Behaviors,
  activity: ElementInstance,
  boundaryId: string,
  interrupting: boolean,
  variables: Variables,
): void {
  const scopeId = activity.parentId ?? b.state.rootId;
  if (interrupting) b.transitions.terminate(activity);
  const caught = b.transitions.create(boundaryId, scopeId);
  b.transitions.entered(caught);
  b.transitions.complete(caught, variables);
}
