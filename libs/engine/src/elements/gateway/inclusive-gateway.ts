import { evaluateCondition } from '../../../../expressions/src';
import type { Behaviors } from '../../behaviors/behaviors';
import { failure, type ElementHandler, type ElementOfType } from '../handler';
import { joinOnePerFlow, terminateJoin } from './joins';
import { feelOptions } from '../../feel-options';

/**
 * Inclusive gateway (Zeebe's InclusiveGatewayProcessor). Joins the flows that were taken or can
 * still be taken (a token live in the scope can still reach them), then forks along every flow
 * whose condition is true, else the default flow.
 */
export const inclusiveGatewayHandler: ElementHandler<ElementOfType<'inclusiveGateway'>> = {
  activate: (input) => {
    const { element, model, variables, ctx } = input;
    let joined: string[] = [];
    if (element.incoming.length > 1) {
      const arrived = new Set([input.flowId, ...input.waiting.map((token) => token.flowId)]);
      if (element.incoming.some((flowId) => !arrived.has(flowId) && input.canStillArrive(flowId))) {
        return { kind: 'join' };
      }
      joined =
        joinOnePerFlow(
          input,
          element.incoming.filter((flowId) => arrived.has(flowId)),
        ) ?? [];
    }
    const taken: string[] = [];
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlowId) continue;
      const condition = model.flows[flowId]?.condition;
      if (condition === undefined) {
        taken.push(flowId);
        continue;
      }
      const result = evaluateCondition(condition, variables, feelOptions(ctx));
      if (!result.ok) return failure(element.id, result.message);
      if (result.value) taken.push(flowId);
    }
    if (taken.length === 0 && element.defaultFlowId !== undefined) taken.push(element.defaultFlowId);
    if (taken.length === 0) {
      return failure(element.id, 'Expected at least one condition to evaluate to true, or a default flow');
    }
    return { kind: 'leave', flowIds: taken, joined };
  },
  terminate: terminateJoin,
};

/**
 * An inclusive join fires once no missing token can still come. That can change without a
 * token arriving there (another branch ended), so once every token of the step waits or ended
 * the runtime asks here again; every waiting inclusive join is checked, newest token first, and
 * the first that can fire is activated again. Returns whether one fired.
 */
export function releaseInclusiveJoin(b: Behaviors): boolean {
  const joining = Object.values(b.state.instances).filter(
    (instance) => instance.state === 'joining' && b.element(instance.elementId).type === 'inclusiveGateway',
  );
  for (const instance of joining.reverse()) {
    const element = b.element(instance.elementId);
    // A token of this join stopped by an incident fires it, these tokens merged, once resolved.
    const stopped = Object.values(b.state.instances).some(
      (other) =>
        other.state === 'incident' && other.elementId === element.id && other.parentId === instance.parentId,
    );
    if (stopped) continue;
    const arrived = new Set(
      joining
        .filter((other) => other.elementId === element.id && other.parentId === instance.parentId)
        .map((other) => other.flowId),
    );
    const missing = element.incoming.filter((flowId) => !arrived.has(flowId));
    if (missing.some((flowId) => b.tokens.canStillArrive(instance, flowId))) continue;
    instance.state = 'waiting';
    b.transitions.activate(instance);
    return true;
  }
  return false;
}
