import { evaluateCondition } from '../../../../expressions/src';
import { isWaitTrigger, openMessageWait, openTriggerWait } from '../../waits';
import {
  failure,
  type Activation,
  type ActivationInput,
  type ElementHandler,
  type ElementOfType,
  type Wait,
} from '../handler';

type Gateway<T extends 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway'> =
  ElementOfType<T>;

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
      const result = evaluateCondition(condition, variables, { now: ctx.now });
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
};

/**
 * Joins the flows that were taken or can still be taken (a token live in the scope can still
 * reach them), then forks along every flow whose condition is true, else the default flow.
 */
export const inclusiveGatewayHandler: ElementHandler<Gateway<'inclusiveGateway'>> = {
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
      const result = evaluateCondition(condition, variables, { now: ctx.now });
      if (!result.ok) return failure(element.id, result.message);
      if (result.value) taken.push(flowId);
    }
    if (taken.length === 0 && element.defaultFlowId !== undefined) taken.push(element.defaultFlowId);
    if (taken.length === 0) {
      return failure(element.id, 'Expected at least one condition to evaluate to true, or a default flow');
    }
    return { kind: 'leave', flowIds: taken, joined };
  },
};

/**
 * Waits for the first of the events after it: opens a timer or subscription for each; the
 * runtime closes the others when one fires.
 */
export const eventBasedGatewayHandler: ElementHandler<Gateway<'eventBasedGateway'>> = {
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
        return failure(element.id, `Expected flow '${flowId}' to lead to a timer, message or signal catch event`);
      }
    }
    return { kind: 'wait', waits };
  },
};

/**
 * The earliest waiting token of each flow, or null when some flow has none yet. The arriving
 * token completes the set (it did not complete before), so it goes on; the others are merged into it.
 */
function joinOnePerFlow(
  input: ActivationInput<ElementOfType<'parallelGateway' | 'inclusiveGateway'>>,
  flowIds: readonly string[],
): string[] | null {
  const joined: string[] = [];
  for (const flowId of flowIds) {
    if (flowId === input.flowId) continue;
    const first = input.waiting.find((token) => token.flowId === flowId);
    if (!first) return null;
    joined.push(first.id);
  }
  return joined;
}
