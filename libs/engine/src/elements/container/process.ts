import type { Behaviors } from '../../behaviors/behaviors';
import type { ElementInstance } from '../../types';
import type { Lifecycle } from '../handler';

/**
 * The process itself (Zeebe's ProcessProcessor): the root instance. It is started by the
 * engine's startInstance and never terminated as an element (cancelling ends what is in it);
 * it completes once no token is left in it.
 */
export const processLifecycle: Lifecycle = {
  childCompleted: (b, root) => {
    if (b.transitions.isEmpty(root)) finish(b, root);
  },
};

/** Nothing is left to do: the instance completes and the workflow can end. */
function finish(b: Behaviors, root: ElementInstance): void {
  if (b.state.status !== 'active') return;
  b.subscriptions.close(root.id);
  // An event sub-process trigger that never opened does not matter once the process is done.
  b.incidents.closeOf(root.id, 'completed');
  root.state = 'scope';
  b.state.status = 'completed';
  b.log.command({ type: 'completeInstance' });
  b.log.event({ type: 'instance.completed' });
}
