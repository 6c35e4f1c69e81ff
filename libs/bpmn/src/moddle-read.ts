// Reading a parsed diagram, without the parser: pure, so the browser's lint rule
// (lint/coverage-rule.ts) reads bpmn-js's moddle tree with the very helpers the deploy validator uses.

/**
 * A parsed element as bpmn-moddle hands it over: `$type` is its qualified type
 * ('bpmn:UserTask', 'zeebe:AssignmentDefinition'), the rest are its properties. Read it only
 * through the helpers below, which check what they return.
 */
export interface ModdleElement {
  $type: string;
  id?: string;
  [property: string]: unknown;
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string'
  );
}

/** A string property, or undefined. */
export function stringProp(element: ModdleElement, property: string): string | undefined {
  const value = element[property];
  return typeof value === 'string' ? value : undefined;
}

/** A list-valued property (flowElements, eventDefinitions, …); missing lists are empty. */
export function listProp(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/** A single element-valued property (a reference such as sourceRef, or a child such as conditionExpression). */
export function elementProp(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element[property];
  return isModdleElement(value) ? value : undefined;
}

/** The extension elements of an element (children of bpmn:extensionElements). */
export function extensionsOf(element: ModdleElement): ModdleElement[] {
  const container = elementProp(element, 'extensionElements');
  return container ? listProp(container, 'values') : [];
}

/** The first extension element of a type, e.g. 'zeebe:AssignmentDefinition'. */
export function extensionOf(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionsOf(element).find((extension) => extension.$type === type);
}
