import { isActivity } from '../../../../bpmn/src/workflow';
import { evaluateCondition, evaluateFeel } from '../../../../expressions/src';
import type { Behaviors } from '../../behaviors/behaviors';
import type { ElementInstance } from '../../types';
import { terminateScope, type Lifecycle } from '../handler';
import { feelOptions } from '../../feel-options';

/**
 * The multi-instance body (Zeebe's MultiInstanceBodyProcessor): a multi-instance activity is
 * entered as this body, which evaluates the input collection and runs one inner instance of the
 * activity per item (all at once, or one after another), collecting their outputElement. It is
 * not an element type of its own, so it is not in HANDLERS: the state transitions pick it for
 * an instance marked `body`. Boundary events belong to the body, never to inner instances.
 */
export const multiInstanceBody: Lifecycle & {
  activate(b: Behaviors, body: ElementInstance): void;
  childCompleted(b: Behaviors, body: ElementInstance, inner: ElementInstance): void;
} = {
  /** Evaluates the input collection and starts the inner instances (all, or the first). */
  activate(b, body) {
    const element = b.element(body.elementId);
    if (!isActivity(element) || !element.multiInstance) return;
    const loop = element.multiInstance;
    const result = evaluateFeel(loop.inputCollection, b.variables.visible(body.parentId), feelOptions(b.ctx));
    if (!result.ok)
      return b.incidents.raise(
        body,
        `Expected the input collection to evaluate: ${result.message}`,
        'activate',
      );
    if (!Array.isArray(result.value)) {
      return b.incidents.raise(
        body,
        `Expected the input collection '${loop.inputCollection}' to be a list, but was ${JSON.stringify(result.value)}`,
        'activate',
      );
    }
    body.state = 'scope';
    if (!b.subscriptions.openBoundaries(body)) return;
    b.transitions.entered(body);
    const items = result.value as unknown[];
    body.loop = { items, next: 0, completed: 0, outputs: items.map(() => null) };
    if (items.length === 0) return completeBody(b, body);
    const first = loop.sequential ? 1 : items.length;
    // Inner instances that complete at once may meet the completion condition before all started.
    for (let index = 0; index < first && b.instance(body.id); index += 1) startInner(b, body);
  },

  /**
   * An inner instance completed (its results kept local): its outputElement is collected, then
   * the completion condition is evaluated in its scope (its item and results are visible, as in
   * Zeebe) with the loop's counts; true ends the whole activity, else the loop goes on.
   */
  childCompleted(b, body, inner) {
    const element = b.element(inner.elementId);
    if (!body.loop || !isActivity(element) || !element.multiInstance) return;
    const loop = element.multiInstance;
    const variables = b.variables.visible(inner.id);
    if (loop.outputElement !== undefined && inner.loopIndex !== undefined) {
      const output = evaluateFeel(loop.outputElement, variables, feelOptions(b.ctx));
      if (!output.ok) {
        return b.incidents.raise(
          inner,
          `Expected the output element to evaluate: ${output.message}`,
          'complete',
        );
      }
      body.loop.outputs[inner.loopIndex] = output.value;
    }
    let done = false;
    if (loop.completionCondition !== undefined) {
      const others = Object.values(b.state.instances).filter(
        (other) => other.parentId === body.id && other.id !== inner.id,
      ).length;
      const condition = evaluateCondition(
        loop.completionCondition,
        {
          ...variables,
          numberOfInstances: body.loop.items.length,
          numberOfCompletedInstances: body.loop.completed + 1,
          numberOfActiveInstances: others,
        },
        feelOptions(b.ctx),
      );
      if (!condition.ok) {
        return b.incidents.raise(
          inner,
          `Expected the completion condition to evaluate: ${condition.message}`,
          'complete',
        );
      }
      done = condition.value;
    }
    b.log.event({
      type: 'element.left',
      elementId: element.id,
      data: { loopCounter: (inner.loopIndex ?? 0) + 1 },
    });
    b.subscriptions.close(inner.id);
    delete b.state.instances[inner.id];
    body.loop.completed += 1;
    if (done) {
      b.transitions.terminateChildren(body.id);
      return completeBody(b, body);
    }
    continueLoop(b, body);
  },

  terminate: terminateScope,
};

/** After an inner instance completed (or its incident was resolved): the next item (sequential), or done once every item is. */
export function continueLoop(b: Behaviors, body: ElementInstance): void {
  const element = b.element(body.elementId);
  if (!body.loop || !isActivity(element) || !element.multiInstance) return;
  if (element.multiInstance.sequential && body.loop.next < body.loop.items.length) return startInner(b, body);
  if (body.loop.completed >= body.loop.items.length) completeBody(b, body);
}

/** The next inner instance: its loopCounter and item are its own variables, then it is activated like the activity. */
function startInner(b: Behaviors, body: ElementInstance): void {
  const element = b.element(body.elementId);
  const loop = body.loop;
  if (!loop || !isActivity(element) || !element.multiInstance) return;
  const index = loop.next;
  loop.next += 1;
  const inner = b.transitions.create(element.id, body.id);
  inner.loopIndex = index;
  inner.variables = {
    loopCounter: index + 1,
    ...(element.multiInstance.inputElement
      ? { [element.multiInstance.inputElement]: loop.items[index] }
      : {}),
  };
  b.transitions.activate(inner);
}

/** Every item is done (or the completion condition met): the outputCollection is set and the activity leaves. */
function completeBody(b: Behaviors, body: ElementInstance): void {
  const element = b.element(body.elementId);
  if (isActivity(element) && element.multiInstance?.outputCollection && body.loop) {
    b.variables.propagate(body.parentId, element.multiInstance.outputCollection, body.loop.outputs);
  }
  b.transitions.leave(body);
}
