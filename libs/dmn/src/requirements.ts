import type { DecisionModel } from './model';

/**
 * The decisions of a DRG that require each other in a circle, in requirement order, or null
 * when there is none (then every decision can be evaluated after the ones it requires).
 * Requirements naming decisions outside `decisions` are left to the parser's own check.
 */
export function cycleOf(decisions: Readonly<Record<string, DecisionModel>>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (id: string): string[] | null => {
    if (onPath.has(id)) return path.slice(path.indexOf(id));
    if (done.has(id)) return null;
    const decision = decisions[id];
    if (!decision) return null;
    path.push(id);
    onPath.add(id);
    for (const required of decision.requiredDecisionIds) {
      const cycle = visit(required);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(id);
    done.add(id);
    return null;
  };
  for (const id of Object.keys(decisions)) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}
