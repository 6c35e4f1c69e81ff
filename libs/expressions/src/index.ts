export { checkFeelSyntax, evaluateCondition, evaluateFeel, isFeel } from './feel';
export type { FeelOptions, FeelResult, FeelSyntaxProblem } from './feel';
export { toUtcInstant } from './date-time';
export { addDuration, parseCycle, parseDuration } from './duration';
export type { Cycle, Duration } from './duration';
