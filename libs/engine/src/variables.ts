import type { VariableMapping } from '../../bpmn/src/workflow';
import { evaluateFeel, isFeel } from '../../expressions/src';
import type { ElementInstance, EngineContext, EngineState, Variables } from './types';
import { feelOptions } from './feel-options';

/**
 * Variable scopes as in Zeebe: every element instance may hold local variables; an element sees
 * its own and those of every enclosing scope, the nearest winning.
 */
export function visibleVariables(state: EngineState, instanceId: string | null): Variables {
  const chain: Variables[] = [];
  for (let id = instanceId; id !== null;) {
    const instance = state.instances[id];
    if (!instance) break;
    if (instance.variables) chain.push(instance.variables);
    id = instance.parentId;
  }
  // Spread, not Object.assign: a '__proto__' key from JSON input stays a plain key.
  return chain.reduceRight<Variables>((visible, local) => ({ ...visible, ...local }), {});
}

/** The variables an instance sees from its own and enclosing scopes, the process level left out. */
export function scopeVariables(state: EngineState, instanceId: string): Variables {
  const chain: Variables[] = [];
  for (let id: string | null = instanceId; id !== null && id !== state.rootId;) {
    const instance: ElementInstance | undefined = state.instances[id];
    if (!instance) break;
    if (instance.variables) chain.push(instance.variables);
    id = instance.parentId;
  }
  return chain.reduceRight<Variables>((visible, local) => ({ ...visible, ...local }), {});
}

/**
 * Sets a variable the way Zeebe propagates one: in the nearest scope from `scopeId` upwards
 * that already has it, else at the process level.
 */
export function propagateVariable(
  state: EngineState,
  scopeId: string | null,
  name: string,
  value: unknown,
): void {
  for (let id = scopeId; id !== null;) {
    const instance = state.instances[id];
    if (!instance) break;
    if (instance.variables && Object.hasOwn(instance.variables, name)) {
      instance.variables = { ...instance.variables, [name]: value };
      return;
    }
    id = instance.parentId;
  }
  const root = state.instances[state.rootId];
  if (root) root.variables = { ...root.variables, [name]: value };
}

export type MappingResult = { ok: true; values: Variables } | { ok: false; message: string };

/**
 * Evaluates zeebe:input or zeebe:output mappings in order; each later mapping sees the earlier
 * ones. A dotted target ('result.score') builds a context. Static sources are plain text.
 */
export function evaluateMappings(
  mappings: readonly VariableMapping[],
  variables: Readonly<Variables>,
  ctx: EngineContext,
): MappingResult {
  let values: Variables = {};
  for (const mapping of mappings) {
    let value: unknown = mapping.source;
    if (isFeel(mapping.source)) {
      const result = evaluateFeel(mapping.source, { ...variables, ...values }, feelOptions(ctx));
      if (!result.ok) {
        return {
          ok: false,
          message: `Expected the mapping to '${mapping.target}' to evaluate: ${result.message}`,
        };
      }
      value = result.value;
    }
    values = assignPath(values, mapping.target.split('.'), value);
  }
  return { ok: true, values };
}

function assignPath(target: Variables, path: readonly string[], value: unknown): Variables {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const existing = target[head];
  const inner = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {};
  return { ...target, [head]: assignPath(inner as Variables, rest, value) };
}
