import { isWaitTrigger, openMessageWait, openTriggerWait } from '../../waits';
import { failure, type Activation, type ElementHandler, type ElementOfType, type Wait } from '../handler';

/**
 * Event-based gateway (Zeebe's EventBasedGatewayProcessor). Waits for the first of the events
 * after it: it owns a timer or subscription for each. When one fires, the others close, the
 * gateway leaves, and the event that fired is entered (by the flow to it) and completes.
 */
export const eventBasedGatewayHandler: ElementHandler<ElementOfType<'eventBasedGateway'>> = {
  activate: ({ element, model, variables, ctx }): Activation => {
    const waits: Wait[] = [];
    for (const flowId of element.outgoing) {
      const target = model.elements[model.flows[flowId]?.targetId ?? ''];
      if (target?.type === 'intermediateCatchEvent' && isWaitTrigger(target.trigger)) {
        const wait = openTriggerWait(target.id, target.trigger, variables, ctx);
        if (wait.kind === 'failure') return wait;
        waits.push(wait);
      } else if (target?.type === 'receiveTask') {
        const wait = openMessageWait(target.id, target.message, variables, ctx);
        if (wait.kind === 'failure') return wait;
        waits.push(wait);
      } else {
        return failure(
          element.id,
          `Expected flow '${flowId}' to lead to a timer, message or signal catch event`,
        );
      }
    }
    return { kind: 'wait', waits };
  },
  trigger: (b, gateway, event, fired) => {
    const element = b.element(gateway.elementId);
    b.subscriptions.close(gateway.id);
    b.log.event({ type: 'element.left', elementId: element.id });
    delete b.state.instances[gateway.id];
    const flowId = element.outgoing.find((id) => b.model.flows[id]?.targetId === event.id);
    const target = b.transitions.create(event.id, gateway.parentId ?? b.state.rootId, flowId);
    b.transitions.entered(target);
    b.transitions.complete(target, fired.variables);
  },
};
