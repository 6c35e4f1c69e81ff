import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompileResult } from '../../../../libs/bpmn/src';
import type { ParseDecisionsResult } from '../../../../libs/dmn/src';
import { ProblemException } from '../common/problem.filter';
import type { CompileReply, CompileRequest } from './compile-worker';

/**
 * Diagrams are parsed, validated and compiled in worker threads, never on the api's event loop:
 * parsing XML and FEEL is CPU work that grows faster than the input, and one upload must not
 * stall every other request (a 400 KB expression once held /api/health for 3.9 s). The bounds
 * below keep one deployer from tying up the pool for everyone else.
 */

/** Threads compiling at once: one core is left to the api itself. */
export const COMPILE_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Diagrams waiting for a thread; one more is refused at once with 503. */
export const COMPILE_QUEUE_LIMIT = 8;
/** How long a diagram may wait for a thread before it is refused with 503. */
export const COMPILE_QUEUE_WAIT_MS = 20_000;
/**
 * How long one compilation may run; the thread is then stopped and the diagram refused (422).
 * The largest diagram the bounds allow (2 MiB, 5,000 elements) compiles in about a second.
 */
export const COMPILE_TIMEOUT_MS = 10_000;
/**
 * How long a new thread may take to load the compiler before the diagram is refused (503). Not
 * part of the compile limit: loading is the pool's cost, not the diagram's, and under load it
 * alone can exceed a tight limit.
 */
export const COMPILE_STARTUP_MS = 30_000;
/** Heap of one thread; a diagram needing more is refused (422) and the api is unharmed. */
export const COMPILE_HEAP_MB = 512;
/** An idle thread exits after this long and is started again on demand. */
const IDLE_EXIT_MS = 60_000;

interface IdleWorker {
  worker: Worker;
  exitTimer: NodeJS.Timeout;
  onExit: () => void;
}

type Result = CompileResult | ParseDecisionsResult;

interface Job {
  request: CompileRequest;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
  waitTimer?: NodeJS.Timeout;
}

/** A fixed set of compile threads and a bounded queue in front of them. */
export class CompilePool {
  private readonly idle: IdleWorker[] = [];
  private readonly queue: Job[] = [];
  private busy = 0;

  constructor(
    private readonly threads = COMPILE_THREADS,
    private readonly timeoutMs = COMPILE_TIMEOUT_MS,
  ) {}

  compile(xml: string): Promise<CompileResult> {
    return this.submit({ xml }) as Promise<CompileResult>;
  }

  /** Parses a DMN file (libs/dmn) on the same threads, under the same bounds. */
  parseDecisions(xml: string): Promise<ParseDecisionsResult> {
    return this.submit({ xml, kind: 'dmn' }) as Promise<ParseDecisionsResult>;
  }

  private submit(request: CompileRequest): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const job: Job = { request, resolve, reject };
      if (this.busy < this.threads) return this.run(job);
      if (this.queue.length >= COMPILE_QUEUE_LIMIT) {
        return reject(
          new ProblemException(
            503,
            `${this.busy + this.queue.length} diagrams are being checked already (at most ${this.threads} at once and ${COMPILE_QUEUE_LIMIT} waiting): try again in a few seconds`,
          ),
        );
      }
      job.waitTimer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(job), 1);
        reject(
          new ProblemException(
            503,
            `The diagram waited ${COMPILE_QUEUE_WAIT_MS / 1000} s for the other diagrams being checked: try again later`,
          ),
        );
      }, COMPILE_QUEUE_WAIT_MS);
      this.queue.push(job);
    });
  }

  private run(job: Job): void {
    this.busy += 1;
    const idle = this.takeIdle();
    const worker = idle ?? spawnCompileWorker();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: { result: Result } | { error: Error }, healthy: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (healthy) this.keepIdle(worker);
      else void worker.terminate();
      this.busy -= 1;
      if ('result' in outcome) job.resolve(outcome.result);
      else job.reject(outcome.error);
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.waitTimer);
        this.run(next);
      }
    };
    const onMessage = (reply: CompileReply): void => {
      if ('ready' in reply) return startClock();
      if ('result' in reply) return finish({ result: reply.result }, true);
      finish({ error: new Error(`The diagram compiler failed: ${reply.error}`) }, true);
    };
    const onError = (error: Error): void => {
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(
        {
          error: outOfMemory
            ? new ProblemException(
                422,
                `Checking the diagram needed more than ${COMPILE_HEAP_MB} MB and was stopped: make it smaller or its expressions simpler`,
              )
            : error,
        },
        false,
      );
    };
    const onExit = (code: number): void =>
      finish({ error: new Error(`The diagram compiler thread exited with code ${code}`) }, false);
    /** Stops the thread and refuses the diagram with `status` unless it answers within `ms`. */
    const limit = (ms: number, status: 422 | 503, detail: string): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ error: new ProblemException(status, detail) }, false), ms);
    };
    const startClock = (): void =>
      limit(
        this.timeoutMs,
        422,
        `Checking the diagram took longer than ${this.timeoutMs / 1000} s and was stopped: make it smaller or its expressions simpler`,
      );
    // A new thread: the diagram's time starts when the compiler has loaded (its `ready`).
    if (idle) startClock();
    else
      limit(
        COMPILE_STARTUP_MS,
        503,
        `The diagram checker did not start within ${COMPILE_STARTUP_MS / 1000} s: try again in a few seconds`,
      );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job.request satisfies CompileRequest);
  }

  private takeIdle(): Worker | undefined {
    const entry = this.idle.pop();
    if (!entry) return undefined;
    clearTimeout(entry.exitTimer);
    entry.worker.off('exit', entry.onExit);
    return entry.worker;
  }

  /** Keeps a thread for the next diagram; it leaves the pool when it exits or idles too long. */
  private keepIdle(worker: Worker): void {
    const forget = (): void => {
      const at = this.idle.indexOf(entry);
      if (at !== -1) this.idle.splice(at, 1);
      clearTimeout(entry.exitTimer);
    };
    const entry: IdleWorker = {
      worker,
      onExit: forget,
      exitTimer: setTimeout(() => {
        forget();
        worker.off('exit', forget);
        void worker.terminate();
      }, IDLE_EXIT_MS).unref(),
    };
    worker.once('exit', forget);
    this.idle.push(entry);
  }
}

/**
 * The built api (dist/) runs compile-worker.js. Run from the TypeScript sources (jest,
 * development), the thread compiles those sources on the fly with SWC, the compiler the tests
 * already use, so tests exercise the real pool against the code they test. Threads never keep
 * the process alive.
 */
function spawnCompileWorker(): Worker {
  const entry = join(__dirname, `compile-worker${extname(__filename)}`);
  const options = { resourceLimits: { maxOldGenerationSizeMb: COMPILE_HEAP_MB } };
  const worker = entry.endsWith('.ts')
    ? new Worker(FROM_SOURCES, {
        ...options,
        eval: true,
        workerData: { entry, swc: require.resolve('@swc/core') },
      })
    : new Worker(entry, options);
  worker.unref();
  return worker;
}

const FROM_SOURCES = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(workerData.swc);
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

let shared: CompilePool | undefined;

/** Compiles a diagram on the shared pool: the api's one way to run libs/bpmn's compileProcess. */
export function compileInWorker(xml: string): Promise<CompileResult> {
  shared ??= new CompilePool();
  return shared.compile(xml);
}

/** Parses a DMN file on the shared pool: the api's one way to run libs/dmn's parseDecisions. */
export function parseDecisionsInWorker(xml: string): Promise<ParseDecisionsResult> {
  shared ??= new CompilePool();
  return shared.parseDecisions(xml);
}
