import { evaluateCondition } from '../../../../expressions/src';
import { failure, type ElementHandler, type ElementOfType } from '../handler';
import { joinOnePerFlow, terminateJoin } from './joins';
import { feelOptions } from '../../feel-options';

type Gateway<T extends 'exclusiveGateway' | 'parallelGateway'> = ElementOfType<T>;

/**
 * Takes the first outgoing flow (document order) whose condition is true, else the default
 * flow. A condition that cannot be evaluated is an incident at the gateway, as in Zeebe.
 */
export const exclusiveGatewayHandler: ElementHandler<Gateway<'exclusiveGateway'>> = {
  activate: ({ element, model, variables, ctx }) => {
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlowId) continue;
      const condition = model.flows[flowId]?.condition;
      // The validator allows a flow without condition only as a gateway's single way out.
      if (condition === undefined) return { kind: 'leave', flowIds: [flowId] };
      const result = evaluateCondition(condition, variables, feelOptions(ctx));
      if (!result.ok) return failure(element.id, result.message);
      if (result.value) return { kind: 'leave', flowIds: [flowId] };
    }
    if (element.defaultFlowId !== undefined) return { kind: 'leave', flowIds: [element.defaultFlowId] };
    return failure(element.id, 'Expected at least one condition to evaluate to true, or a default flow');
  },
};

/**
 * Forks along every outgoing flow. With several incoming flows it joins: it fires once a token
 * has arrived by every incoming flow, merging one token per flow (the earliest); extra tokens on
 * a flow wait for the next round, as in Zeebe.
 */
export const parallelGatewayHandler: ElementHandler<Gateway<'parallelGateway'>> = {
  activate: (input) => {
    const { element } = input;
    if (element.incoming.length <= 1) return { kind: 'leave', flowIds: element.outgoing };
    const joined = joinOnePerFlow(input, element.incoming);
    return joined === null ? { kind: 'join' } : { kind: 'leave', flowIds: element.outgoing, joined };
  },
  terminate: terminateJoin,
};
