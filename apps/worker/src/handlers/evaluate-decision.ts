import { ApplicationFailure } from '@temporalio/common';
import { FAILURE_TYPES, type JobInput, type JobResult } from '../../../../libs/contracts/src';
// The evaluator alone, not the lib's entry: the worker never parses DMN (dmn-moddle stays out).
import { evaluateDecision } from '../../../../libs/dmn/src/evaluation';
import { evaluateFeel, isFeel } from '../../../../libs/expressions/src';
import { latestDecision } from '../../../../libs/persistence/src';
import type { JobHandler } from './job-handler';

/**
 * The job of a business rule task with zeebe:calledDecision (docs/adr/0009-dmn-decisions.md):
 * evaluates the latest version of the decision that the case's unit may run (owned by that unit
 * or one above it, the rule of process definitions) with the variables the task sees, and
 * completes with the result in `resultVariable` (the task's output mappings then apply).
 *
 * What no retry can fix by itself is a non-retryable failure, so the case raises an incident at
 * the task at once, naming the decision and the rules: the decision is not deployed, no rule or
 * several rules matched under UNIQUE, an expression failed. Deploying a corrected version or
 * changing the variables, then retrying the incident, evaluates again.
 */
export const evaluateDecisionJob: JobHandler = async (
  { instance, job }: JobInput,
  { db },
): Promise<JobResult> => {
  const { resultVariable = '' } = job.headers;
  const decisionId = decisionIdOf(job.headers.decisionId ?? '', job.variables, job.elementId);
  const decision = await latestDecision(db.manager, decisionId, instance.orgPath);
  if (!decision) {
    throw ApplicationFailure.create({
      type: FAILURE_TYPES.calledDecisionNotFound,
      nonRetryable: true,
      message: `Business rule task ${job.elementId} calls decision '${decisionId}', but no version of it that cases at ${instance.orgPath} may evaluate is deployed (one owned by that unit or a unit above it): deploy it (POST /api/decisions), then retry the incident`,
    });
  }
  const outcome = evaluateDecision(decision.model, decisionId, job.variables, {
    now: new Date().toISOString(),
  });
  if (!outcome.ok) {
    throw ApplicationFailure.create({
      type: FAILURE_TYPES.decisionFailed,
      nonRetryable: true,
      message: `Business rule task ${job.elementId}, decision '${decisionId}' version ${decision.version}: ${outcome.message}. Deploy a corrected decision or change the variables, then retry the incident`,
      details: [{ decisionId: outcome.decisionId, ruleIds: outcome.ruleIds, version: decision.version }],
    });
  }
  return { variables: { [resultVariable]: outcome.value } };
};

/** The decision id: static, or FEEL ('=…') evaluated with the task's variables to a string. */
function decisionIdOf(raw: string, variables: Record<string, unknown>, elementId: string): string {
  if (!isFeel(raw)) return raw;
  const result = evaluateFeel(raw, variables);
  if (result.ok && typeof result.value === 'string' && result.value !== '') return result.value;
  throw ApplicationFailure.create({
    type: FAILURE_TYPES.decisionFailed,
    nonRetryable: true,
    message: `Business rule task ${elementId}: expected its zeebe:calledDecision decisionId '${raw}' to give a decision id, ${result.ok ? `got ${JSON.stringify(result.value)}` : result.message}`,
  });
}
