// The compiler-free entry of libs/bpmn: the compiled model, its upgrade, what its start events
// and job types mean. Pure and deterministic, nothing parses XML or touches Node, so workflow code
// (libs/engine, workflows/) imports this and never index.ts, which also loads the compiler
// (bpmn-moddle). The worker and libs/persistence, which never compile, use it too
// (docs/architecture.md, Libraries).
export * from './job-types';
export * from './model';
export { upgradeModel } from './model-upgrade';
export {
  noNoneStartEventReason,
  signalStartEventOf,
  startsOnlyByTrigger,
  triggeredStartsOf,
} from './start-events';
export { calledDecisionOfElement } from './called-decision';
export { EMBEDDED_FORM_KEY_PREFIX } from './form-keys';
export type { TriggeredStart } from './start-events';
// Problems as data (the model's DiagramProblem, libs/dmn's DecisionProblem): types only here.
export type { ProblemCode, ProblemParam, ProblemText } from './problem-messages';
