import { dateAndTime, duration, date, time } from 'feelin';
import { Parser } from 'saxen';

/**
 * Reads the DMN TCK's test files (test/dmn-tck/README.md): a `testCases` document whose
 * `testCase`s give input values by input data name and the expected result of decisions by
 * decision name. Values are read as the TCK's own runners read them: xsd:decimal as a number,
 * dates and durations as FEEL values, `component`s as a context, `list/item`s as a list.
 */
export interface TckTestCase {
  id: string;
  inputs: Record<string, unknown>;
  results: TckResult[];
}

export interface TckResult {
  /** The decision's name (or a BKM's or decision service's, when `type` says so). */
  name: string;
  type: string;
  expected: unknown;
  /** The case expects an error (or null) rather than a value. */
  errorResult: boolean;
}

interface ValueNode {
  value?: { type: string | undefined; nil: boolean; text: string };
  components?: [string, ValueNode][];
  list?: ValueNode[];
}

export function readTckTestCases(xml: string): TckTestCase[] {
  const cases: TckTestCase[] = [];
  // Open elements, innermost last, with the value each collects.
  const stack: { name: string; node: ValueNode; attrs: Record<string, string> }[] = [];
  let current: TckTestCase | null = null;
  let text = '';
  const parser = new Parser();
  // saxen reports a self-closing tag as an openTag followed by a closeTag.
  parser.on('openTag', (name, getAttrs) => {
    const attrs = getAttrs();
    const local = localName(name);
    text = '';
    if (local === 'testCase') current = { id: attrs.id ?? '', inputs: {}, results: [] };
    stack.push({ name: local, node: {}, attrs });
  });
  parser.on('text', (raw, decode) => {
    text += decode(raw);
  });
  parser.on('closeTag', (name) => close(localName(name)));
  parser.on('error', (error) => {
    throw error;
  });

  function close(local: string): void {
    const top = stack.pop();
    if (!top || top.name !== local) throw new Error(`Unbalanced <${local}> in a TCK test file`);
    const parent = stack[stack.length - 1];
    const { node, attrs } = top;
    switch (local) {
      case 'value':
        if (parent) {
          parent.node.value = { type: attrs['xsi:type'], nil: attrs['xsi:nil'] === 'true', text };
        }
        break;
      case 'component':
        if (parent) (parent.node.components ??= []).push([attrs.name ?? '', node]);
        break;
      case 'item':
        if (parent) (parent.node.list ??= []).push(node);
        break;
      case 'list':
        if (parent) parent.node.list = node.list ?? [];
        break;
      case 'expected':
        if (parent) parent.node = node;
        break;
      case 'inputNode':
        if (current) current.inputs[attrs.name ?? ''] = toValue(node);
        break;
      case 'resultNode':
        current?.results.push({
          name: attrs.name ?? '',
          type: attrs.type ?? 'decision',
          expected: toValue(node),
          errorResult: attrs.errorResult === 'true',
        });
        break;
      case 'testCase':
        if (current) cases.push(current);
        current = null;
        break;
    }
    text = '';
  }

  parser.parse(xml);
  return cases;
}

function localName(name: string): string {
  const at = name.indexOf(':');
  return at === -1 ? name : name.slice(at + 1);
}

function toValue(node: ValueNode): unknown {
  if (node.list) return node.list.map(toValue);
  if (node.components)
    return Object.fromEntries(node.components.map(([name, value]) => [name, toValue(value)]));
  if (!node.value || node.value.nil) return null;
  const { type, text } = node.value;
  switch (localName(type ?? '')) {
    case 'decimal':
    case 'double':
    case 'int':
    case 'integer':
    case 'long':
      return Number(text);
    case 'boolean':
      return text.trim() === 'true';
    case 'date':
      return date(text.trim());
    case 'dateTime':
      return dateAndTime(text.trim());
    case 'time':
      return time(text.trim());
    case 'duration':
      return duration(text.trim());
    case 'string':
      return text;
    default:
      if (text === 'true' || text === 'false') return text === 'true';
      return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
  }
}

/** The TCK runners' comparison: numbers within 1e-8, contexts by the expected entries. */
export function sameAsExpected(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(expected - actual) < 1e-8;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => sameAsExpected(item, actual[index]))
    );
  }
  if (typeof expected === 'object') {
    const json = (expected as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return String(json.call(expected)) === String(actual);
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) =>
      sameAsExpected(value, (actual as Record<string, unknown>)[key]),
    );
  }
  return expected === actual;
}
