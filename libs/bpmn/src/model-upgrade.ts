import { isActivity, type FlowElement, type ProcessModel } from './model';

/**
 * Brings a model compiled by an earlier version of the compiler to the current shape. Running
 * cases carry their model in their workflow input for months, so the engine must accept every
 * shape ever stored; new fields get the value that means "as before". Pure and deterministic:
 * the workflow calls it on every run and replay.
 */
export function upgradeModel(model: ProcessModel): ProcessModel {
  const stored = model as Partial<ProcessModel> & Pick<ProcessModel, 'id' | 'elements' | 'flows'>;
  const elements: Record<string, FlowElement> = {};
  for (const [id, element] of Object.entries(stored.elements)) elements[id] = upgradeElement(element);
  return {
    ...stored,
    elements,
    startEventIds: stored.startEventIds ?? [],
    triggeredStartEventIds: stored.triggeredStartEventIds ?? [],
    eventSubProcessIds: stored.eventSubProcessIds ?? [],
  };
}

function upgradeElement(element: FlowElement): FlowElement {
  // The first compiler emitted start and end events without a trigger: they were all "none".
  if ((element.type === 'startEvent' || element.type === 'endEvent') && element.trigger === undefined) {
    const none = { ...element, trigger: { kind: 'none' } } as FlowElement;
    return element.type === 'startEvent' ? ({ ...none, interrupting: true } as FlowElement) : none;
  }
  if (isActivity(element) && element.boundaryEventIds === undefined)
    return { ...element, boundaryEventIds: [] };
  return element;
}
