import { parentPort } from 'node:worker_threads';
import { compileProcess, type CompileResult } from '../../../../libs/bpmn/src';

/** One diagram to compile, sent by compile-pool.ts. */
export interface CompileRequest {
  xml: string;
}

/** The compiler's answer, or the message of an error it threw (a bug in the compiler). */
export type CompileReply = { result: CompileResult } | { error: string };

/**
 * The entry of a compile worker thread: parses, validates and compiles one diagram at a time,
 * so that a large or hostile diagram costs this thread's time and heap, not the api's.
 */
parentPort?.on('message', (request: CompileRequest) => {
  compileProcess(request.xml).then(
    (result) => parentPort?.postMessage({ result } satisfies CompileReply),
    (error: unknown) =>
      parentPort?.postMessage({
        error: error instanceof Error ? error.message : String(error),
      } satisfies CompileReply),
  );
});
