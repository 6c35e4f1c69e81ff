import type { ProblemCode, ProblemParam } from '../../bpmn/src/workflow';

/**
 * The compiled, serialisable form of one DMN file (its decision requirements graph, DRG). Plain
 * data that JSON round-trips unchanged: it is stored in PostgreSQL and evaluated by the worker
 * without parsing XML again. Expressions keep their FEEL source (DMN's FEEL has no '=' prefix).
 * The semantics are described in docs/adr/0009-dmn-decisions.md.
 */
export interface DecisionsModel {
  /** The id of the DMN definitions element. */
  id: string;
  name?: string;
  /** Every decision of the file, by decision id. */
  decisions: Record<string, DecisionModel>;
}

export interface DecisionModel {
  id: string;
  name?: string;
  /**
   * The name under which dependent decisions read this decision's result: its variable's name,
   * else its name, else its id (the result is also readable by its id).
   */
  resultName: string;
  /** Decisions evaluated before this one, in document order (informationRequirement). */
  requiredDecisionIds: string[];
  logic: DecisionTableModel | LiteralExpressionModel;
}

export interface LiteralExpressionModel {
  type: 'literalExpression';
  /** FEEL expression. */
  text: string;
}

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTableModel {
  type: 'decisionTable';
  hitPolicy: HitPolicy;
  /** Only with COLLECT. */
  aggregation?: Aggregation;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

export interface DecisionInput {
  id: string;
  label?: string;
  /** FEEL expression whose value the rules' input entries test. */
  expression: string;
  /**
   * The input expression's typeRef when it is number, string or boolean: a value of another
   * type reads as null (DMN: a value that does not conform to its type is null).
   */
  typeRef?: 'number' | 'string' | 'boolean';
}

export interface DecisionOutput {
  id: string;
  /** The component name of the result when the table has several outputs. */
  name?: string;
  /**
   * The allowed output values as written: FEEL expressions separated by commas, in decreasing
   * priority (PRIORITY and OUTPUT ORDER rank matched rules by them).
   */
  values?: string;
  /** FEEL expression giving the output when no rule matches. */
  defaultEntry?: string;
}

export interface DecisionRule {
  id: string;
  /** FEEL unary tests, one per input ('-' matches anything). */
  inputEntries: string[];
  /** FEEL expressions, one per output. */
  outputEntries: string[];
}

/** One thing wrong with a DMN file; the deploy API returns every one of them at once. */
export interface DecisionProblem {
  /** The decision the problem is in, or '' when it concerns the whole file. */
  decisionId: string;
  /** The element the problem is at: the decision, a rule, an input or output, or ''. */
  elementId: string;
  elementType: string;
  /** The problem as data (libs/bpmn problem-messages.ts); `message` is its English rendering. */
  code: ProblemCode;
  params: Record<string, ProblemParam>;
  message: string;
}

export type ParseDecisionsResult =
  { ok: true; model: DecisionsModel; warnings: DecisionProblem[] } | { ok: false; errors: DecisionProblem[] };

/** One decision evaluated on the way to the result (the required ones first). */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName?: string;
  result: unknown;
  /** The rules that matched, in rule order; empty for a literal expression. */
  matchedRuleIds: string[];
}

/**
 * A decision's result, or why there is none. Failures are values, never throws: the worker
 * turns them into an incident whose message names the decision and the rules.
 */
export type DecisionOutcome =
  | { ok: true; value: unknown; evaluated: EvaluatedDecision[] }
  | { ok: false; decisionId: string; ruleIds: string[]; message: string };
