import { evaluateCondition } from '../../../../expressions/src';
import { defineHandler, failure, type ElementOfType } from '../handler';

/**
 * Takes the first outgoing flow (document order) whose condition is true, else the default
 * flow. A condition that cannot be evaluated is a failure at the gateway, as in Zeebe.
 */
export const exclusiveGatewayHandler = defineHandler<ElementOfType<'exclusiveGateway'>>({
  activate: ({ element, model, variables, ctx }) => {
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlowId) continue;
      const condition = model.flows[flowId]?.condition;
      // The validator allows a flow without condition only as a gateway's single way out.
      if (condition === undefined) return { kind: 'leave', flowIds: [flowId] };
      const result = evaluateCondition(condition, variables, { now: ctx.now });
      if (!result.ok) return failure(element.id, result.message);
      if (result.value) return { kind: 'leave', flowIds: [flowId] };
    }
    if (element.defaultFlowId !== undefined) return { kind: 'leave', flowIds: [element.defaultFlowId] };
    return failure(element.id, 'Expected at least one condition to evaluate to true, or a default flow');
  },
});
