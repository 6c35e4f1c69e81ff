// What changed between two versions of a diagram (docs/versions.md). bpmn-js-differ decides which
// elements were added, removed, changed or only moved; it records attribute changes of the
// element itself but not of its Zeebe extension elements (candidate groups, due dates, forms
// live in children it does not track), so each changed element's properties are flattened
// here, extension elements included, and compared path by path to say what changed.
import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

export interface PropertyChange {
  /** A flattened path: `name`, `zeebe:assignmentDefinition.candidateGroups`, `conditionExpression.body`. */
  path: string;
  before: string | null;
  after: string | null;
}

export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** The qualified type, `bpmn:UserTask` (the newer one when the type changed). */
  type: string;
  name: string | null;
  /** For a sequence flow: the names (or ids) of its ends. */
  from?: string;
  to?: string;
  /** What changed, for `changed` (may be empty when only untracked details differ). */
  properties: PropertyChange[];
}

export interface VersionChanges {
  added: ElementChange[];
  removed: ElementChange[];
  changed: ElementChange[];
  /** Elements whose only change is their position, size or waypoints. */
  layout: ElementChange[];
}

/** What we read of a bpmn-moddle element. */
interface Moddle {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, unknown>;
  $descriptor: {
    isGeneric?: boolean;
    properties: { name: string; isMany?: boolean; isReference?: boolean; isVirtual?: boolean }[];
  };
  get(name: string): unknown;
}

const isModdle = (value: unknown): value is Moddle =>
  typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';

/** Children and back-references that are elements of their own or say nothing about this one. */
const NOT_A_PROPERTY = new Set([
  'id',
  'flowElements',
  'artifacts',
  'laneSets',
  'lanes',
  'childLaneSet',
  'flowNodeRef',
  'incoming',
  'outgoing',
  'di',
  'diagrams',
  'rootElements',
  'participants',
  'messageFlows',
  'boundaryEventRefs',
]);

/** The unit of the flattened path of a child: extension elements by type, lists by their key. */
function childKey(child: unknown, index: number): string {
  if (!isModdle(child)) return String(index);
  const named = ['target', 'key', 'id', 'name'].map((p) => child.get(p)).find((v) => typeof v === 'string');
  return typeof named === 'string' ? named : String(index);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function propertyNames(element: Moddle): { name: string; isMany?: boolean; isReference?: boolean }[] {
  if (element.$descriptor.isGeneric) {
    return Object.keys(element)
      .filter((key) => !key.startsWith('$'))
      .map((name) => ({ name }));
  }
  return element.$descriptor.properties.filter((p) => !p.isVirtual && !(p.isMany && p.isReference));
}

function flattenInto(element: Moddle, prefix: string, out: Map<string, string>, depth: number): void {
  if (depth > 8) return;
  for (const property of propertyNames(element)) {
    if (NOT_A_PROPERTY.has(property.name)) continue;
    const value: unknown = element.$descriptor.isGeneric
      ? (element as unknown as Record<string, unknown>)[property.name]
      : element.get(property.name);
    if (value === undefined || value === null) continue;
    if (property.name === 'extensionElements' && isModdle(value)) {
      const values = value.get('values');
      for (const extension of Array.isArray(values) ? values : []) {
        if (!isModdle(extension)) continue;
        const [ns = '', local = extension.$type] = extension.$type.split(':');
        flattenInto(extension, `${prefix}${ns}:${lowerFirst(local)}.`, out, depth + 1);
      }
      continue;
    }
    if (property.isReference) {
      const target = isModdle(value) ? value.id : undefined;
      if (target) out.set(`${prefix}${property.name}`, target);
      continue;
    }
    const path = `${prefix}${property.name}`;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        const itemPath = `${path}[${childKey(item, index)}]`;
        if (isModdle(item)) flattenInto(item, `${itemPath}.`, out, depth + 1);
        else out.set(itemPath, String(item));
      });
    } else if (isModdle(value)) {
      flattenInto(value, `${path}.`, out, depth + 1);
    } else {
      out.set(path, String(value));
    }
  }
  for (const [name, value] of Object.entries(element.$attrs ?? {})) {
    if (!name.startsWith('xmlns')) out.set(`${prefix}${name}`, String(value));
  }
}

/** Every property of an element as path → text, its extension elements included. */
export function flattenProperties(element: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isModdle(element)) flattenInto(element, '', out, 0);
  return out;
}

function compareProperties(before: unknown, after: unknown): PropertyChange[] {
  const old = flattenProperties(before);
  const now = flattenProperties(after);
  const changes: PropertyChange[] = [];
  if (isModdle(before) && isModdle(after) && before.$type !== after.$type) {
    changes.push({ path: '$type', before: before.$type, after: after.$type });
  }
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(path) ?? null;
    const is = now.get(path) ?? null;
    if (was !== is) changes.push({ path, before: was, after: is });
  }
  return changes;
}

/** Every element with an id below the definitions, in document order (DI excluded). */
function indexElements(definitions: unknown): Map<string, Moddle> {
  const index = new Map<string, Moddle>();
  const visit = (element: Moddle, depth: number) => {
    if (depth > 50 || element.$type.startsWith('bpmndi:')) return;
    if (element.id && !index.has(element.id)) index.set(element.id, element);
    if (element.$descriptor.isGeneric) return;
    for (const property of element.$descriptor.properties) {
      if (property.isReference || property.isVirtual || property.name === 'extensionElements') continue;
      const value = element.get(property.name);
      for (const child of Array.isArray(value) ? value : [value]) {
        if (isModdle(child)) visit(child, depth + 1);
      }
    }
  };
  if (isModdle(definitions)) visit(definitions, 0);
  return index;
}

const moddle = () => new BpmnModdle({ zeebe: zeebeSchema });

/** Parses a version's XML (with the Zeebe extension, as the modeler writes it). */
export async function parseDefinitions(xml: string): Promise<unknown> {
  const { rootElement } = await moddle().fromXML(xml);
  return rootElement;
}

function describe(
  id: string,
  kind: ChangeKind,
  element: Moddle | undefined,
  properties: PropertyChange[] = [],
): ElementChange {
  const label = (ref: unknown) => (isModdle(ref) ? (ref.name as string | undefined) || ref.id : undefined);
  const change: ElementChange = {
    id,
    kind,
    type: element?.$type ?? 'bpmn:BaseElement',
    name: typeof element?.name === 'string' && element.name ? element.name : null,
    properties,
  };
  if (element?.$type === 'bpmn:SequenceFlow' || element?.$type === 'bpmn:MessageFlow') {
    const from = label(element.get('sourceRef'));
    const to = label(element.get('targetRef'));
    if (from) change.from = from;
    if (to) change.to = to;
  }
  return change;
}

/** What changed from `olderXml` to `newerXml`, element by element. */
export async function compareVersions(olderXml: string, newerXml: string): Promise<VersionChanges> {
  const [older, newer] = await Promise.all([parseDefinitions(olderXml), parseDefinitions(newerXml)]);
  return compareDefinitions(older, newer);
}

export function compareDefinitions(older: unknown, newer: unknown): VersionChanges {
  const result = diff(older, newer);
  const oldIndex = indexElements(older);
  const newIndex = indexElements(newer);
  const inOrder = (ids: Iterable<string>, index: Map<string, Moddle>) => {
    const wanted = new Set(ids);
    const ordered = [...index.keys()].filter((id) => wanted.has(id));
    return [...ordered, ...[...wanted].filter((id) => !index.has(id))];
  };

  const added = inOrder(Object.keys(result._added), newIndex).map((id) =>
    describe(id, 'added', newIndex.get(id)),
  );
  const removed = inOrder(Object.keys(result._removed), oldIndex).map((id) =>
    describe(id, 'removed', oldIndex.get(id)),
  );
  const touched = new Set([...Object.keys(result._added), ...Object.keys(result._removed)]);
  const changed = inOrder(
    Object.keys(result._changed).filter((id) => !touched.has(id)),
    newIndex,
  ).map((id) =>
    describe(id, 'changed', newIndex.get(id), compareProperties(oldIndex.get(id), newIndex.get(id))),
  );
  for (const change of changed) touched.add(change.id);
  const layout = inOrder(
    Object.keys(result._layoutChanged).filter((id) => !touched.has(id) && newIndex.has(id)),
    newIndex,
  ).map((id) => describe(id, 'layout', newIndex.get(id)));
  return { added, removed, changed, layout };
}
