import type { Behaviors } from '../../behaviors/behaviors';
import type { ElementInstance } from '../../types';
import type { ActivationInput, ElementOfType } from '../handler';

/**
 * The earliest waiting token of each flow, or null when some flow has none yet. The arriving
 * token completes the set (it did not complete before), so it goes on; the others are merged into it.
 */
export function joinOnePerFlow(
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

/** The terminate hook of joining gateways: a token only waiting at the join was never entered, so nothing is recorded for it. */
export function terminateJoin(b: Behaviors, instance: ElementInstance): void {
  b.transitions.terminateElement(instance, instance.state !== 'joining');
}
