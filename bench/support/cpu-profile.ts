import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { basename, dirname } from 'node:path';

/**
 * CPU profiles of this process's main thread through the inspector (`node:inspector`), as
 * `--cpu-prof` writes them, and their summary: where the sampled time went by function and by
 * module. Workflow code runs inside the SDK's vm context from one bundle file, so its frames are
 * attributed to the bundled module that holds the line (webpack marks each module's start). A
 * profile should cover one bundle only: frames of any bundle are read against the one given.
 */

export interface ProfileSummary {
  /** Sampled time on the CPU: everything but (idle). */
  busyMs: number;
  totalMs: number;
  /** Time in the workflow sandbox: under the SDK's vm calls (activations) or in bundle code. */
  sandboxMs: number;
  topFunctions: FunctionTime[];
  topModules: ModuleTime[];
  /** The same, counting only samples taken in the workflow sandbox. */
  sandboxFunctions: FunctionTime[];
  sandboxModules: ModuleTime[];
}

export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
}

export interface ModuleTime {
  module: string;
  selfMs: number;
}

export async function profiled<T>(
  work: () => Promise<T>,
  intervalMicros = 100,
): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

export function writeProfile(path: string, profile: Profiler.Profile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(profile));
}

/**
 * Where each module of a webpack bundle starts (`/***\/ "<module id>"` lines), and where
 * webpack's own runtime code is (`/******\/` lines, after the modules), in order.
 */
export function bundleModuleStarts(code: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  code.split('\n').forEach((text, line) => {
    const module = /^\/\*\*\*\/ "([^"]+)"$/.exec(text)?.[1];
    if (module) starts.push({ line, module });
    else if (text.startsWith('/******/') && starts.at(-1)?.module !== WEBPACK_RUNTIME) {
      starts.push({ line, module: WEBPACK_RUNTIME });
    }
  });
  return starts;
}

const WEBPACK_RUNTIME = '(webpack runtime)';

/** A short module name: the package for node_modules, else the path from the repository root. */
function moduleName(path: string): string {
  const inPackages = path.split('node_modules/').pop() ?? path;
  if (inPackages !== path) {
    const [scope, name] = inPackages.split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
  }
  return path.replace(/^(\.\.?\/)+/, '').replace(/^.*?\/(libs|workflows|bench|apps)\//, '$1/');
}

/** The file name the SDK gives a bundle's vm script (from its source map). */
const BUNDLE_FILE = /workflow-bundle-[0-9a-f]+\.js$/;

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

export function summariseProfile(
  profile: Profiler.Profile,
  bundle: { code: string } | null,
  top = 12,
): ProfileSummary {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const samples = profile.samples?.length ?? 0;
  const perHit = samples > 0 ? totalMs / samples : 0;
  const starts = bundle ? bundleModuleStarts(bundle.code) : [];
  const bundledModule = (line: number): string => {
    let found = WEBPACK_RUNTIME;
    for (const start of starts) {
      if (start.line > line) break;
      found = moduleName(start.module);
    }
    return found;
  };
  const inBundle = (url: string) => bundle !== null && BUNDLE_FILE.test(url);
  const isSandboxFrame = ({ functionName, url }: Profiler.ProfileNode['callFrame']) =>
    inBundle(url) || url.startsWith('evalmachine.') || (url === '' && functionName === 'runInContext');

  // A node is in the sandbox when it or a caller is: an activation's native vm time counts.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inSandbox = new Set<number>();
  const mark = (id: number, under: boolean): void => {
    const node = byId.get(id);
    if (!node) return;
    const here = under || isSandboxFrame(node.callFrame);
    if (here) inSandbox.add(id);
    for (const child of node.children ?? []) mark(child, here);
  };
  const root = profile.nodes[0];
  if (root) mark(root.id, false);

  const all = new Tally();
  const sandbox = new Tally();
  let idleMs = 0;
  for (const node of profile.nodes) {
    const selfMs = (node.hitCount ?? 0) * perHit;
    if (selfMs === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += selfMs;
      continue;
    }
    const bundled = inBundle(url);
    const module = SPECIAL.has(functionName)
      ? functionName
      : bundled
        ? bundledModule(lineNumber)
        : url === ''
          ? '(native)'
          : moduleName(url.replace(/^file:\/\//, ''));
    const where = bundled
      ? `${module}, bundle line ${lineNumber + 1}`
      : `${basename(url) || module}:${lineNumber + 1}`;
    const key = `${functionName}@${url}:${lineNumber}`;
    const name = functionName || '(anonymous)';
    all.add(key, name, where, module, selfMs);
    if (inSandbox.has(node.id)) sandbox.add(key, name, where, module, selfMs);
  }
  return {
    busyMs: totalMs - idleMs,
    totalMs,
    sandboxMs: sandbox.totalMs,
    topFunctions: all.topFunctions(top),
    topModules: all.topModules(top),
    sandboxFunctions: sandbox.topFunctions(top),
    sandboxModules: sandbox.topModules(top),
  };
}

class Tally {
  private readonly functions = new Map<string, FunctionTime>();
  private readonly modules = new Map<string, number>();
  totalMs = 0;

  add(key: string, name: string, where: string, module: string, selfMs: number): void {
    const entry = this.functions.get(key) ?? { name, where, selfMs: 0 };
    entry.selfMs += selfMs;
    this.functions.set(key, entry);
    this.modules.set(module, (this.modules.get(module) ?? 0) + selfMs);
    this.totalMs += selfMs;
  }

  topFunctions(top: number): FunctionTime[] {
    return [...this.functions.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  }

  topModules(top: number): ModuleTime[] {
    return [...this.modules.entries()]
      .map(([module, selfMs]) => ({ module, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  }
}
