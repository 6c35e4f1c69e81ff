/**
 * The case variables a form marks sensitive (PATHWAY.md, Forms): a field, or a group and all it
 * contains, with `properties: { sensitive: "true" }` (form-js custom properties are strings; a
 * boolean `true` counts too). Returned as top-level variable names — a field keyed
 * `guardian.phone`, or inside a group with path `guardian`, makes all of `guardian` sensitive —
 * because a case's values are sealed whole, one top-level variable at a time (ADR 0020).
 *
 * Pure and forgiving: it reads stored schemas, so anything malformed is skipped, not thrown.
 */
export function sensitiveKeys(schema: unknown): string[] {
  const names = new Set<string>();
  const firstSegment = (text: unknown): string | null =>
    typeof text === 'string' && text.trim() !== '' ? (text.split('.')[0] ?? '').trim() || null : null;
  const visit = (node: unknown, prefix: string | null, marked: boolean, depth: number): void => {
    if (depth > 32 || typeof node !== 'object' || node === null) return;
    const { key, path, components, properties } = node as {
      key?: unknown;
      path?: unknown;
      components?: unknown;
      properties?: unknown;
    };
    const sensitive = marked || isMarked(properties);
    const top = prefix ?? firstSegment(path);
    if (sensitive) {
      const name = top ?? firstSegment(key);
      if (name) names.add(name);
    }
    if (Array.isArray(components)) for (const child of components) visit(child, top, sensitive, depth + 1);
  };
  const root = schema as { components?: unknown } | null;
  if (root && Array.isArray(root.components))
    for (const child of root.components) visit(child, null, false, 0);
  return [...names].sort();
}

function isMarked(properties: unknown): boolean {
  if (typeof properties !== 'object' || properties === null) return false;
  const value = (properties as Record<string, unknown>).sensitive;
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}
