import { evaluateFeel, evaluateUnaryTests, plainValue, type FeelOptions } from '../../expressions/src';
import { applyHitPolicy, type Hit } from './hit-policy';
import type {
  DecisionModel,
  DecisionOutcome,
  DecisionsModel,
  DecisionTableModel,
  EvaluatedDecision,
} from './model';

export interface EvaluateOptions {
  /** The current time FEEL's now() and today() return (ISO 8601 with offset). */
  now?: string;
}

type Failure = Extract<DecisionOutcome, { ok: false }>;
type Evaluation = { ok: true; value: unknown } | Failure;

/**
 * Evaluates one decision of a DRG with the given variables (a case's variables: the input
 * data, read by name). Its required decisions are evaluated first, once each, and their results
 * are visible to the decisions that require them under their result name and their id. Every
 * failure is a value naming the decision (and the rules, where rules are the cause).
 * Semantics: docs/adr/0009-dmn-decisions.md.
 */
export function evaluateDecision(
  model: DecisionsModel,
  decisionId: string,
  variables: Record<string, unknown>,
  options: EvaluateOptions = {},
): DecisionOutcome {
  const results = new Map<string, unknown>();
  const evaluated: EvaluatedDecision[] = [];
  // FEEL's null semantics throughout (a missing variable, `10 + null`: null), and FEEL's own
  // values between decisions; only the results handed back become plain data.
  const feel: FeelOptions = {
    nullOnWarnings: true,
    feelValues: true,
    ...(options.now === undefined ? {} : { now: options.now }),
  };

  const run = (id: string): Evaluation => {
    if (results.has(id)) return { ok: true, value: results.get(id) };
    const decision = Object.hasOwn(model.decisions, id) ? model.decisions[id] : undefined;
    if (!decision) {
      return {
        ok: false,
        decisionId: id,
        ruleIds: [],
        message: `Decision '${id}' is not in the DMN file '${model.id}'`,
      };
    }
    const context: Record<string, unknown> = { ...variables };
    for (const requiredId of decision.requiredDecisionIds) {
      const required = run(requiredId);
      if (!required.ok) return required;
      const requiredDecision = model.decisions[requiredId];
      context[requiredDecision?.resultName ?? requiredId] = required.value;
      context[requiredId] = required.value;
    }
    const outcome = evaluateLogic(decision, context, feel);
    if (!outcome.ok) return outcome;
    const plain = plainValue(outcome.value);
    if (!plain.ok) return failure(decision, outcome.matchedRuleIds, `its result ${plain.message}`);
    results.set(id, outcome.value);
    evaluated.push({
      decisionId: id,
      ...(decision.name === undefined ? {} : { decisionName: decision.name }),
      result: plain.value,
      matchedRuleIds: outcome.matchedRuleIds,
    });
    return outcome;
  };

  const outcome = run(decisionId);
  if (!outcome.ok) return outcome;
  return { ok: true, value: evaluated[evaluated.length - 1]?.result ?? null, evaluated };
}

function evaluateLogic(
  decision: DecisionModel,
  context: Record<string, unknown>,
  feel: FeelOptions,
): { ok: true; value: unknown; matchedRuleIds: string[] } | Failure {
  const { logic } = decision;
  if (logic.type === 'literalExpression') {
    const result = evaluateFeel(logic.text, context, feel);
    if (!result.ok) return failure(decision, [], `its literal expression failed: ${result.message}`);
    return { ok: true, value: result.value, matchedRuleIds: [] };
  }
  return evaluateTable(decision, logic, context, feel);
}

function evaluateTable(
  decision: DecisionModel,
  table: DecisionTableModel,
  context: Record<string, unknown>,
  feel: FeelOptions,
): { ok: true; value: unknown; matchedRuleIds: string[] } | Failure {
  // Input data the case does not hold read as null, as DMN says; the rules then test null.
  const inputValues: unknown[] = [];
  for (const [index, input] of table.inputs.entries()) {
    const value = evaluateFeel(input.expression, context, feel);
    if (!value.ok)
      return failure(
        decision,
        [],
        `input ${index + 1} (${input.label ?? input.id}) failed: ${value.message}`,
      );
    // feelin orders a string and a number as JavaScript does ("x" >= 20 is true, where FEEL
    // says null): a value that is not of the input's declared type is null instead.
    const typed = input.typeRef === undefined || value.value === null || typeof value.value === input.typeRef;
    inputValues.push(typed ? value.value : null);
  }

  const hits: Hit[] = [];
  for (const rule of table.rules) {
    let matches = true;
    for (const [index, entry] of rule.inputEntries.entries()) {
      const test = evaluateUnaryTests(entry, inputValues[index], context, feel);
      if (!test.ok) return failure(decision, [rule.id], `rule '${rule.id}' failed: ${test.message}`);
      if (!test.value) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    const outputs: unknown[] = [];
    for (const [index, entry] of rule.outputEntries.entries()) {
      const value = evaluateFeel(entry, context, feel);
      if (!value.ok) {
        return failure(
          decision,
          [rule.id],
          `output entry ${index + 1} of rule '${rule.id}' failed: ${value.message}`,
        );
      }
      outputs.push(value.value);
    }
    hits.push({ ruleId: rule.id, outputs });
  }

  if (hits.length === 0) {
    const defaults = defaultOutputs(table, context, feel);
    if (!defaults.ok) return failure(decision, [], defaults.message);
    if (defaults.value !== undefined)
      return { ok: true, value: shape(table, defaults.value), matchedRuleIds: [] };
    if (table.hitPolicy === 'UNIQUE') {
      return failure(decision, [], 'no rule matched (hit policy UNIQUE, and no output has a default)');
    }
  }

  const priorities = outputPriorities(table, context, feel);
  if (!priorities.ok) return failure(decision, [], priorities.message);
  const applied = applyHitPolicy(table, hits, priorities.value);
  if (!applied.ok) return failure(decision, applied.ruleIds, applied.message);
  const { matchedRuleIds } = applied;
  switch (applied.kind) {
    case 'single':
      return {
        ok: true,
        value: applied.outputs === null ? null : shape(table, applied.outputs),
        matchedRuleIds,
      };
    case 'list':
      return { ok: true, value: applied.items.map((outputs) => shape(table, outputs)), matchedRuleIds };
    case 'aggregate':
      return { ok: true, value: applied.value, matchedRuleIds };
  }
}

/** One hit's outputs as the table gives them: the value, or a context by output name. */
function shape(table: DecisionTableModel, outputs: unknown[]): unknown {
  if (table.outputs.length === 1) return outputs[0] ?? null;
  return Object.fromEntries(
    table.outputs.map((output, index) => [output.name ?? output.id, outputs[index] ?? null]),
  );
}

/**
 * The default output entries, used when no rule matches: `value` undefined when no output has
 * one (outputs without one are null next to those that have one).
 */
function defaultOutputs(
  table: DecisionTableModel,
  context: Record<string, unknown>,
  feel: FeelOptions,
): { ok: true; value: unknown[] | undefined } | { ok: false; message: string } {
  if (!table.outputs.some((output) => output.defaultEntry !== undefined))
    return { ok: true, value: undefined };
  const values: unknown[] = [];
  for (const output of table.outputs) {
    if (output.defaultEntry === undefined) {
      values.push(null);
      continue;
    }
    const value = evaluateFeel(output.defaultEntry, context, feel);
    if (!value.ok)
      return {
        ok: false,
        message: `the default output entry of ${output.name ?? output.id} failed: ${value.message}`,
      };
    values.push(value.value);
  }
  return { ok: true, value: values };
}

/** Each output's allowed values in decreasing priority (empty when it has none). */
function outputPriorities(
  table: DecisionTableModel,
  context: Record<string, unknown>,
  feel: FeelOptions,
): { ok: true; value: unknown[][] } | { ok: false; message: string } {
  if (table.hitPolicy !== 'PRIORITY' && table.hitPolicy !== 'OUTPUT ORDER') return { ok: true, value: [] };
  const lists: unknown[][] = [];
  for (const output of table.outputs) {
    if (output.values === undefined) {
      lists.push([]);
      continue;
    }
    const value = evaluateFeel(`[${output.values}]`, context, feel);
    if (!value.ok)
      return {
        ok: false,
        message: `the output values of ${output.name ?? output.id} failed: ${value.message}`,
      };
    lists.push(Array.isArray(value.value) ? value.value : []);
  }
  return { ok: true, value: lists };
}

function failure(decision: DecisionModel, ruleIds: string[], reason: string): Failure {
  const name = decision.name ? ` (${decision.name})` : '';
  return {
    ok: false,
    decisionId: decision.id,
    ruleIds,
    message: `Decision '${decision.id}'${name}: ${reason}`,
  };
}
