export {
  checkFeelSyntax,
  checkUnaryTestsSyntax,
  evaluateCondition,
  evaluateFeel,
  evaluateUnaryTests,
  isFeel,
  plainValue,
} from './feel';
export type { FeelOptions, FeelResult, FeelSyntaxProblem } from './feel';
export { toUtcInstant } from './date-time';
export { addDuration, parseCycle, parseDuration } from './duration';
export type { Cycle, Duration } from './duration';
export { CALENDAR_FUNCTION_NAMES } from './calendar-functions';
