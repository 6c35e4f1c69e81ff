/**
 * Test support (Node only): reads the installed bpmn.io packages' built files and lists what they
 * pass to diagram-js's `translate` service, so catalogue.spec.ts can hold the catalogue to account
 * after every upgrade. Not imported by the web app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const nodeModules = join(__dirname, '..', '..', '..', '..', '..', 'node_modules');

function jsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFilesUnder(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** The built files each package ships to browsers (ESM builds, or lib/ for the unbundled ones). */
export const UPSTREAM_FILES: Record<string, string[]> = {
  'bpmn-js': jsFilesUnder(join(nodeModules, 'bpmn-js', 'lib')),
  'diagram-js': jsFilesUnder(join(nodeModules, 'diagram-js', 'lib')),
  'bpmn-js-properties-panel': [join(nodeModules, 'bpmn-js-properties-panel', 'dist', 'index.esm.js')],
  '@bpmn-io/properties-panel': [join(nodeModules, '@bpmn-io', 'properties-panel', 'dist', 'index.esm.js')],
  'bpmn-js-element-templates': [join(nodeModules, 'bpmn-js-element-templates', 'dist', 'index.esm.js')],
  '@bpmn-io/element-template-chooser': [
    join(nodeModules, '@bpmn-io', 'element-template-chooser', 'dist', 'index.es.js'),
  ],
  'bpmn-js-token-simulation': jsFilesUnder(join(nodeModules, 'bpmn-js-token-simulation', 'lib')),
  'bpmn-js-bpmnlint': [join(nodeModules, 'bpmn-js-bpmnlint', 'dist', 'index.esm.js')],
};

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(nodeModules, name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export function readUpstream(relativePath: string): string {
  return readFileSync(join(nodeModules, relativePath), 'utf8');
}

/** A JavaScript string literal's value (the bundles use only simple escapes). */
export function unescapeLiteral(body: string): string {
  return body.replace(/\\(.)/g, (_, char: string) => ({ n: '\n', t: '\t' })[char] ?? char);
}

export interface TranslateCalls {
  /** Literal first arguments: translate('Create task'). */
  literals: Set<string>;
  /** Template literals with ${…}: their concrete keys must be listed by hand. */
  templated: Set<string>;
  /** Every other first argument, as written (a variable, a ternary, a constant lookup). */
  dynamic: Set<string>;
}

// `translate(`, `this._translate(` and `self._translate(`, but not `svgTranslate(` or `.translate(`
const CALL = /(?<![\w$.])(?:(?:this|self)\._)?translate\s*\(/g;

export function translateCalls(source: string): TranslateCalls {
  const calls: TranslateCalls = { literals: new Set(), templated: new Set(), dynamic: new Set() };
  for (const match of source.matchAll(CALL)) {
    const rest = source.slice((match.index ?? 0) + match[0].length).trimStart();
    const literal = /^(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*[,)]/.exec(rest);
    if (literal) {
      const value = unescapeLiteral(literal[2] ?? '');
      if (literal[1] === '`' && value.includes('${')) calls.templated.add(value);
      else calls.literals.add(value);
      continue;
    }
    calls.dynamic.add(firstArgument(rest));
  }
  return calls;
}

/** The text of the first argument, up to the comma or parenthesis that closes it. */
function firstArgument(rest: string): string {
  let depth = 0;
  let quote = '';
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return rest.slice(0, index).replace(/\s+/g, ' ').trim();
      depth--;
    } else if (char === ',' && depth === 0) return rest.slice(0, index).replace(/\s+/g, ' ').trim();
  }
  return rest.slice(0, 80);
}

/** String literals inside a text (a ternary's branches, an object's values). */
export function literalsIn(text: string): string[] {
  return [...text.matchAll(/(['"])((?:\\.|(?!\1)[^\\])*)\1/g)].map((match) =>
    unescapeLiteral(match[2] ?? ''),
  );
}

/** The string values of `NAME = { key: 'value', … }` or `NAME = 'value'` in a bundle. */
export function constantValues(source: string, name: string): string[] {
  const escaped = name.replace(/[$]/g, '\\$');
  const object = new RegExp(`\\b${escaped}\\s*=\\s*\\{([^}]*)\\}`).exec(source);
  if (object) return literalsIn((object[1] ?? '').replace(/^\s*['"]?[\w$]+['"]?\s*:/gm, ''));
  const single = new RegExp(`\\b${escaped}\\s*=\\s*(['"])((?:\\\\.|(?!\\1)[^\\\\])*)\\1`).exec(source);
  return single ? [unescapeLiteral(single[2] ?? '')] : [];
}
