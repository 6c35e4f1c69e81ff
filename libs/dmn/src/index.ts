export { evaluateDecision } from './evaluate';
export type { EvaluateOptions } from './evaluate';
export { parseDecisions } from './parse';
export type * from './model';
