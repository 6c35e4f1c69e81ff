import { isActivity, type ProcessModel } from '../../bpmn/src/workflow';

/**
 * Which elements each element can lead to, along sequence flows and from an activity through
 * its boundary events. Computed once per model and kept: the model never changes while a case
 * runs, and the cache cannot change any result (so the engine stays deterministic).
 */
const cache = new WeakMap<ProcessModel, Map<string, ReadonlySet<string>>>();

export function canReach(model: ProcessModel, fromId: string, toId: string): boolean {
  let byModel = cache.get(model);
  if (!byModel) {
    byModel = new Map();
    cache.set(model, byModel);
  }
  let reachable = byModel.get(fromId);
  if (!reachable) {
    reachable = successorsOf(model, fromId);
    byModel.set(fromId, reachable);
  }
  return reachable.has(toId);
}

function successorsOf(model: ProcessModel, fromId: string): ReadonlySet<string> {
  const seen = new Set<string>();
  const stack = [fromId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const element = model.elements[id];
    if (!element) continue;
    const next = element.outgoing.map((flowId) => model.flows[flowId]?.targetId ?? '');
    if (isActivity(element)) next.push(...element.boundaryEventIds);
    for (const target of next) {
      if (target === '' || seen.has(target)) continue;
      seen.add(target);
      stack.push(target);
    }
  }
  return seen;
}
