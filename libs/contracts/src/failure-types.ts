/**
 * Failure types the workflow tells apart (ApplicationFailure.type) in what its activities throw:
 * all are non-retryable, because retrying cannot fix them; the case raises an incident instead.
 */
export const FAILURE_TYPES = {
  projectionRejected: 'ProjectionRejected',
  unknownJobType: 'UnknownJobType',
  calledProcessNotFound: 'CalledProcessNotFound',
  calledProcessNotStartable: 'CalledProcessNotStartable',
  timerCaseNotPossible: 'TimerCaseNotPossible',
  calledDecisionNotFound: 'CalledDecisionNotFound',
  decisionFailed: 'DecisionFailed',
} as const;
