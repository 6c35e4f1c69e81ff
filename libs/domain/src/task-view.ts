/**
 * What a task shows to someone who may not see its case (a peer monitor, or a candidate with no
 * case-viewing role above the case): the variables its form asks about and those its input
 * mappings hand it, nothing else of the case file (docs/adr/0003). Pure, so the projection writer
 * freezes it when the task closes and the api computes it the same way while the task is open.
 */

type Variables = Record<string, unknown>;

/**
 * The top-level variable names a form-js schema reads or writes: each field's `key` (its first
 * segment when dotted, as form-js nests "a.b" under "a") and each group's `path`, through nested
 * components. Anything else in the schema is ignored.
 */
export function formVariableNames(schema: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > 32 || typeof node !== 'object' || node === null) return;
    const { key, path, components } = node as { key?: unknown; path?: unknown; components?: unknown };
    for (const name of [key, path]) {
      if (typeof name === 'string' && name.trim() !== '') names.add(name.split('.')[0]!.trim());
    }
    if (Array.isArray(components)) for (const child of components) visit(child, depth + 1);
  };
  visit(schema, 0);
  return [...names];
}

/** The restricted view: the form's variables from the case, then the task's own local ones. */
export function restrictedTaskView(
  processVariables: Variables,
  localVariables: Variables,
  formSchema: unknown,
): Variables {
  const view: Variables = {};
  for (const name of formVariableNames(formSchema)) {
    if (Object.hasOwn(processVariables, name)) view[name] = processVariables[name];
  }
  return { ...view, ...localVariables };
}
