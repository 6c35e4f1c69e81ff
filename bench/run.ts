import { loadavg } from 'node:os';
import { engineVsBpmnEngine } from './engine-vs-bpmn-engine';
import { formCompletion } from './form-completion';
import { listScale } from './list-scale';
import { longCase } from './long-case';
import { monthlyReport } from './monthly-report';
import { pathwayThroughput } from './pathway-throughput';
import { schoolDays } from './school-days';
import { screeningImport } from './screening-import';
import { collectGarbage } from './support/env';
import { formatResult, writeResults, type BenchResult } from './support/report';
import { temporalThroughput } from './temporal-throughput';
import { workerMemory } from './worker-memory';

/** Every bench, in the order `npm run bench` runs them. */
const BENCHES: Record<string, () => Promise<BenchResult>> = {
  'engine-vs-bpmn-engine': engineVsBpmnEngine,
  'temporal-throughput': temporalThroughput,
  'long-case': longCase,
  'worker-memory': workerMemory,
  'form-completion': formCompletion,
  'pathway-throughput': pathwayThroughput,
  'school-days': schoolDays,
  'list-scale': listScale,
  'screening-import': screeningImport,
  'monthly-report': monthlyReport,
};

const RESULTS_PATH = '.data/bench-results.json';

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !Object.hasOwn(BENCHES, name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown bench ${unknown.join(', ')}; expected one of: ${Object.keys(BENCHES).join(', ')}`,
    );
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHES);
  const startedAt = new Date();
  const load = loadavg().map((value) => value.toFixed(2));
  console.log(
    `CarePath benchmarks: ${selected.join(', ')}\n` +
      `node ${process.version}, load average ${load.join(' ')}, ` +
      `${collectGarbage() ? 'gc exposed (heap figures after a full collection)' : 'gc NOT exposed: run with --expose-gc for stable heap figures'}\n`,
  );
  const results: BenchResult[] = [];
  for (const name of selected) {
    const bench = BENCHES[name] as () => Promise<BenchResult>;
    const result = await bench();
    results.push(result);
    console.log(formatResult(result));
    writeResults(RESULTS_PATH, results, startedAt);
  }
  console.log(`Results written to ${RESULTS_PATH}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
