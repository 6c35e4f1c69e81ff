import type { ElementInstance, Variables } from '../types';
import { evaluateMappings, propagateVariable, scopeVariables, visibleVariables } from '../variables';
import type { Behaviors } from './behaviors';

/**
 * Variables as an element sees and changes them (Zeebe's variable mapping behaviour): input
 * mappings into the instance's own scope on activation, output mappings (or the plain result)
 * out of it on completion. A mapping that cannot be evaluated is an incident at the element.
 */
export class VariableMapping {
  constructor(private readonly b: Behaviors) {}

  /** Every variable the instance sees: its own and its scopes', the nearest winning. */
  visible(instanceId: string | null): Variables {
    return visibleVariables(this.b.state, instanceId);
  }

  /** The variables of the instance and its scopes below the process level. */
  scopeLocal(instanceId: string): Variables {
    return scopeVariables(this.b.state, instanceId);
  }

  /**
   * Applies the element's input mappings to the instance's own variables. Its own variables
   * count: a multi-instance item is mapped from (Zeebe). Returns false after raising the incident.
   */
  applyInputs(instance: ElementInstance): boolean {
    const element = this.b.element(instance.elementId);
    const inputs = 'ioMapping' in element ? element.ioMapping?.inputs : undefined;
    if (!inputs || inputs.length === 0) return true;
    const mapped = evaluateMappings(inputs, this.visible(instance.id), this.b.ctx);
    if (!mapped.ok) {
      this.b.incidents.raise(instance, mapped.message, 'activate');
      return false;
    }
    instance.variables = { ...instance.variables, ...mapped.values };
    return true;
  }

  /**
   * Sets a completing instance's result: through its output mappings if it has any (they see
   * the result), else the result itself. An inner instance of a multi-instance activity keeps
   * it local, so parallel instances never overwrite each other; its outputElement collects it.
   * Returns false after raising the incident (retrying it applies the same result again).
   */
  applyOutputs(instance: ElementInstance, result: Variables): boolean {
    const element = this.b.element(instance.elementId);
    const outputs = 'ioMapping' in element ? element.ioMapping?.outputs : undefined;
    const inner = instance.loopIndex !== undefined;
    if (!outputs || outputs.length === 0) {
      this.setResult(instance, result, inner);
      return true;
    }
    const visible = { ...this.visible(instance.id), ...result };
    const mapped = evaluateMappings(outputs, visible, this.b.ctx);
    if (!mapped.ok) {
      this.b.incidents.raise(instance, mapped.message, 'complete', result);
      return false;
    }
    this.setResult(instance, mapped.values, inner);
    return true;
  }

  /** Sets variables where they live (nearest scope from the instance up that has them, else the process). */
  set(instance: ElementInstance, variables: Variables): void {
    for (const [name, value] of Object.entries(variables))
      propagateVariable(this.b.state, instance.id, name, value);
  }

  /** Sets one variable from `scopeId` upwards, as a completing element's result propagates. */
  propagate(scopeId: string | null, name: string, value: unknown): void {
    propagateVariable(this.b.state, scopeId, name, value);
  }

  private setResult(instance: ElementInstance, values: Variables, local: boolean): void {
    if (local) {
      instance.variables = { ...instance.variables, ...values };
      return;
    }
    for (const [name, value] of Object.entries(values))
      propagateVariable(this.b.state, instance.parentId, name, value);
  }
}
