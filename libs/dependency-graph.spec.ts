import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/*
 * How the code may depend on itself (docs/architecture.md, Libraries; docs/adr/0011): another
 * lib, or an app, reaches a lib only through its public entry; libs depend on each other without
 * a cycle; the workflow bundle and the worker never load what they must not.
 */

const ROOT = resolve(__dirname, '..');
const SCANNED = ['apps', 'libs', 'workflows', 'test', 'bench', 'scripts'];
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Public entries of a lib, relative to libs/<lib>/src. `testing` only for test code. */
const ENTRY = 'index.ts';
/**
 * Second entries that leave out a parser: what workflow code and the worker may load, and what
 * the browser's modeler lints with (libs/bpmn/src/lint.ts). libs/domain has two for calendars:
 * the pure arithmetic FEEL and the workflow load (calendar.ts), and the server-only builder
 * that reads the national data and hashes with node:crypto (case-calendar.ts).
 */
const SECOND_ENTRIES = [
  { lib: 'bpmn', file: 'workflow.ts' },
  { lib: 'bpmn', file: 'lint.ts' },
  { lib: 'dmn', file: 'evaluation.ts' },
  { lib: 'domain', file: 'calendar.ts' },
  { lib: 'domain', file: 'case-calendar.ts' },
];
/** The calendar files the workflow and the browser load: pure, types their only import. */
const PURE_CALENDAR = ['libs/domain/src/calendar.ts', 'libs/domain/src/calendar-types.ts'];
const TEST_ENTRY = 'testing/index.ts';

interface Import {
  from: string;
  /** The file it resolves to (relative to the repository), or the bare module name. */
  to: string;
  relativeSpecifier: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveFile(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  const candidate = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find(
    (path) => existsSync(path) && statSync(path).isFile(),
  );
  return relative(ROOT, candidate ?? base);
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => {
    const relativeSpecifier = fileName.startsWith('.');
    return {
      from: relative(ROOT, file),
      to: relativeSpecifier ? resolveFile(file, fileName) : fileName,
      relativeSpecifier,
    };
  });
}

const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));
const imports = files.flatMap(importsOf);
const importsByFile = new Map<string, Import[]>();
for (const entry of imports) importsByFile.set(entry.from, [...(importsByFile.get(entry.from) ?? []), entry]);

/** `libs/<lib>/src/<rest>` → { lib, rest }. */
function libPart(path: string): { lib: string; rest: string } | null {
  const match = /^libs\/([^/]+)\/src\/(.+)$/.exec(path);
  return match ? { lib: match[1]!, rest: match[2]! } : null;
}

function isTestCode(path: string): boolean {
  return (
    /\.(spec|int-spec|e2e-spec)\.tsx?$/.test(path) || /^(test|bench)\//.test(path) || /\/testing\//.test(path)
  );
}

/** Every file `start` loads, directly or through others (relative imports only). */
function closureOf(start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const entry of importsByFile.get(queue.pop()!) ?? []) {
      if (entry.relativeSpecifier && !seen.has(entry.to)) {
        seen.add(entry.to);
        queue.push(entry.to);
      }
    }
  }
  return seen;
}

describe('the dependency graph', () => {
  it('scans the repository', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(importsByFile.get('workflows/src/run-process.ts')?.length).toBeGreaterThan(3);
  });

  it('reaches a lib from outside only through its public entry', () => {
    const deep = imports.flatMap((entry) => {
      const target = libPart(entry.to);
      if (!entry.relativeSpecifier || !target || libPart(entry.from)?.lib === target.lib) return [];
      const allowed =
        target.rest === ENTRY ||
        SECOND_ENTRIES.some(({ lib, file }) => target.lib === lib && target.rest === file) ||
        (target.rest === TEST_ENTRY && isTestCode(entry.from));
      return allowed ? [] : [`${entry.from} → ${entry.to}`];
    });
    expect(deep).toEqual([]);
  });

  it('has no cycle between libs', () => {
    const edges = new Map<string, Set<string>>();
    for (const entry of imports) {
      const from = libPart(entry.from)?.lib;
      const to = libPart(entry.to)?.lib;
      if (from && to && from !== to) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
    }
    const cycles: string[] = [];
    const visit = (lib: string, path: string[]): void => {
      if (path.includes(lib)) {
        cycles.push([...path.slice(path.indexOf(lib)), lib].join(' → '));
        return;
      }
      for (const next of edges.get(lib) ?? []) visit(next, [...path, lib]);
    };
    for (const lib of edges.keys()) visit(lib, []);
    expect([...new Set(cycles)]).toEqual([]);
    // The direction chosen in docs/adr/0011: contracts carries the model and the engine's types.
    expect([...(edges.get('contracts') ?? [])].sort()).toEqual(['bpmn', 'engine']);
  });

  it('keeps Node, the database and the diagram compiler out of the workflow bundle', () => {
    const bundle = [...closureOf('workflows/src/index.ts')];
    const forbidden = bundle.filter(
      (path) =>
        /^(apps|libs\/(persistence|config))\//.test(path) ||
        path === 'libs/bpmn/src/index.ts' ||
        path === 'libs/domain/src/case-calendar.ts' ||
        path === 'libs/domain/src/national-days.ts' ||
        path === 'libs/bpmn/src/moddle.ts',
    );
    const builtins = bundle.flatMap((path) =>
      (importsByFile.get(path) ?? [])
        .filter((entry) => !entry.relativeSpecifier && BUILTINS.has(entry.to))
        .map((entry) => `${path} → ${entry.to}`),
    );
    expect({ forbidden, builtins }).toEqual({ forbidden: [], builtins: [] });
    expect(bundle).toContain('libs/bpmn/src/workflow.ts');
    expect(bundle).toEqual(expect.arrayContaining(PURE_CALENDAR));
  });

  it('keeps the calendar arithmetic free of packages, and the national data out of the browser', () => {
    // calendar.ts is deterministic workflow code: nothing but its types.
    const loads = importsByFile.get('libs/domain/src/calendar.ts')?.map((entry) => entry.to);
    expect([...new Set(loads)]).toEqual(['libs/domain/src/calendar-types.ts']);
    // The web app loads libs/domain's index (roles): never the national data or node:crypto.
    const domain = closureOf('libs/domain/src/index.ts');
    expect([...domain].filter((path) => /case-calendar|national-days/.test(path))).toEqual([]);
  });

  it('keeps the diagram compiler and the DMN parser out of the worker, which never parses', () => {
    const worker = closureOf('apps/worker/src/main.ts');
    expect(worker.has('libs/persistence/src/index.ts')).toBe(true);
    expect(
      [...worker].filter((path) => path === 'libs/bpmn/src/index.ts' || path === 'libs/dmn/src/parse.ts'),
    ).toEqual([]);
    expect(worker.has('libs/dmn/src/evaluate.ts')).toBe(true);
  });

  it("keeps the modeler's lint entry pure: no parser, no FEEL, no Node, no package at all", () => {
    const entry = 'libs/bpmn/src/lint.ts';
    const loaded = [...closureOf(entry)];
    const forbidden = loaded.filter(
      (path) =>
        /^(apps|libs\/(persistence|config|expressions|engine))\//.test(path) ||
        path === 'libs/bpmn/src/index.ts' ||
        path === 'libs/bpmn/src/moddle.ts',
    );
    // The web bundle gets exactly this code: a bare import would pull a package into it.
    const packages = loaded.flatMap((path) =>
      (importsByFile.get(path) ?? []).filter((e) => !e.relativeSpecifier).map((e) => `${path} → ${e.to}`),
    );
    expect({ forbidden, packages }).toEqual({ forbidden: [], packages: [] });
    expect(loaded).toEqual(
      expect.arrayContaining(['libs/bpmn/src/lint/coverage-rule.ts', 'libs/bpmn/src/coverage.ts']),
    );
  });

  it('keeps libs/forms pure, so the web app loads the same rules as the api (docs/adr/0013)', () => {
    const forms = [...closureOf('libs/forms/src/index.ts')];
    const outside = forms.filter(
      (path) =>
        (!/^libs\/(forms|expressions)\/src\//.test(path) && !PURE_CALENDAR.includes(path)) ||
        isTestCode(path),
    );
    const packages = forms.flatMap((path) =>
      (importsByFile.get(path) ?? [])
        .filter((entry) => !entry.relativeSpecifier && entry.to !== 'feelin')
        .map((entry) => `${path} → ${entry.to}`),
    );
    expect({ outside, packages }).toEqual({ outside: [], packages: [] });
    expect(
      closureOf('apps/web/src/workbench/forms/viewer-validation.ts').has('libs/forms/src/index.ts'),
    ).toBe(true);
  });
});
