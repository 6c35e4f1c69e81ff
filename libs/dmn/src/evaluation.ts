// The parser-free entry of libs/dmn: evaluating decisions already parsed (and stored) at deploy.
// The worker evaluates business rule tasks and never parses DMN, so it imports this and not
// index.ts, which also loads the parser (dmn-moddle, and libs/bpmn's moddle helpers)
// (docs/architecture.md, Libraries; docs/adr/0009-dmn-decisions.md).
export { evaluateDecision } from './evaluate';
export type { EvaluateOptions } from './evaluate';
export type * from './model';
