import { parentPort } from 'node:worker_threads';
import { compileProcess, type CompileResult } from '../../../../libs/bpmn/src';
import { parseDecisions, type ParseDecisionsResult } from '../../../../libs/dmn/src';

/** One diagram (BPMN) or DMN file to compile, sent by compile-pool.ts. */
export interface CompileRequest {
  xml: string;
  /** BPMN when absent. */
  kind?: 'bpmn' | 'dmn';
}

/**
 * The compiler's answer, or the message of an error it threw (a bug in the compiler); `ready`
 * once, when a new thread has loaded the compiler (its time limit starts then, not before).
 */
export type CompileReply =
  { result: CompileResult | ParseDecisionsResult } | { error: string } | { ready: true };

/**
 * The entry of a compile worker thread: parses, validates and compiles one diagram or DMN file
 * at a time, so that a large or hostile one costs this thread's time and heap, not the api's.
 */
parentPort?.on('message', (request: CompileRequest) => {
  const compiled: Promise<CompileResult | ParseDecisionsResult> =
    request.kind === 'dmn' ? parseDecisions(request.xml) : compileProcess(request.xml);
  compiled.then(
    (result) => parentPort?.postMessage({ result } satisfies CompileReply),
    (error: unknown) =>
      parentPort?.postMessage({
        error: error instanceof Error ? error.message : String(error),
      } satisfies CompileReply),
  );
});
parentPort?.postMessage({ ready: true } satisfies CompileReply);
