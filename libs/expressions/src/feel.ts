import {
  evaluate,
  parseDate,
  parseDateTime,
  parseExpression,
  parseUnaryTests,
  SyntaxError as FeelSyntaxError,
  unaryTest,
} from 'feelin';
import type { CalendarDefinition } from '../../domain/src/calendar';
import { CALENDAR_FUNCTION_NAMES, calendarFunctions, WEEKDAYS_CALENDAR } from './calendar-functions';

/**
 * FEEL expressions the Zeebe way: a string starting with '=' is FEEL, anything else is a static
 * value. Everything here returns values; nothing throws for bad input, because a broken
 * expression in a diagram is a deploy-time problem or a run-time incident, never a crash.
 */

export interface FeelSyntaxProblem {
  message: string;
  /** 0-based character offset of the problem in the string as given (the '=' included). */
  position: number;
}

export type FeelResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

export interface FeelOptions {
  /**
   * The current time (ISO 8601 with offset) that FEEL's now() and today() return. The engine
   * always passes its context time so evaluation stays deterministic (replay-safe); without it
   * feelin reads the system clock. today() is the date part of that string (the engine's
   * clock is UTC).
   */
  now?: string;
  /**
   * A null result that comes with warnings is null, not a failure: DMN reads input data that a
   * case does not hold as null (a decision table's input expressions), where the rest of the
   * engine treats a missing variable as an incident.
   */
  nullOnWarnings?: boolean;
  /**
   * The result as FEEL's own value (a FEEL date stays a date) instead of plain data, for a value
   * that only feeds further FEEL evaluation (DMN passes input values to the rules' tests and
   * decision results to the decisions requiring them). Turn it into data with plainValue.
   */
  feelValues?: boolean;
  /**
   * The case's calendar (a CaseCalendar) that `add school days`, `school days between`,
   * `is school day` and their `working` forms compute with (docs/calendars.md). Without one:
   * Monday to Friday in Asia/Shanghai, no holidays, no terms.
   */
  calendar?: CalendarDefinition;
}

/** What feelin parses: an expression, or DMN unary tests (a decision table's input entries). */
type Grammar = 'expression' | 'unaryTests';
const PARSERS = { expression: parseExpression, unaryTests: parseUnaryTests } as const;

/** True when the string is a FEEL expression ('=' prefix, Zeebe convention). */
export function isFeel(s: string): boolean {
  return s.startsWith('=');
}

/** The expression without its leading '=', and how many characters were dropped. */
function feelSource(expr: string): { source: string; offset: number } {
  return isFeel(expr) ? { source: expr.slice(1), offset: 1 } : { source: expr, offset: 0 };
}

/**
 * Checks FEEL syntax without evaluating anything (so a hostile expression cannot loop at deploy
 * time). Accepts the expression with or without its '='. Returns null when it parses.
 * `knownNames` are the variable names the expression may use: feelin's grammar depends on them
 * for names with characters such as an apostrophe ("Mike's age"), which DMN models use for their
 * inputs and decisions.
 */
export function checkFeelSyntax(expr: string, knownNames: readonly string[] = []): FeelSyntaxProblem | null {
  return checkSyntax(expr, 'expression', knownNames);
}

/**
 * Checks DMN unary tests (an input entry of a decision table: `> 10`, `"a", "b"`, `[1..5]`,
 * `-`) the way checkFeelSyntax checks an expression.
 */
export function checkUnaryTestsSyntax(
  tests: string,
  knownNames: readonly string[] = [],
): FeelSyntaxProblem | null {
  return checkSyntax(tests, 'unaryTests', knownNames);
}

function checkSyntax(
  expr: string,
  grammar: Grammar,
  knownNames: readonly string[],
): FeelSyntaxProblem | null {
  const { source, offset } = grammar === 'expression' ? feelSource(expr) : { source: expr, offset: 0 };
  if (source.trim() === '') {
    return {
      message: grammar === 'expression' ? 'Expected an expression after "="' : 'Expected unary tests',
      position: offset,
    };
  }
  // The calendar functions are names with spaces: feelin parses them as one name only when known.
  const context = Object.fromEntries([...CALENDAR_FUNCTION_NAMES, ...knownNames].map((name) => [name, null]));
  let errorAt: number | null = null;
  try {
    PARSERS[grammar](source, context, undefined).iterate({
      enter(node) {
        if (errorAt === null && node.type.isError) errorAt = node.from;
        return errorAt === null;
      },
    });
  } catch (error) {
    return { message: `Unparsable expression: ${describe(error)}`, position: offset };
  }
  if (errorAt === null) return null;
  return {
    message: feelinSyntaxMessage(source, grammar, context) ?? 'Syntax error',
    position: offset + errorAt,
  };
}

/**
 * feelin builds its execution tree before running anything and throws its (more readable)
 * SyntaxError at the first error node, so on a source known to hold one this never evaluates.
 */
function feelinSyntaxMessage(
  source: string,
  grammar: Grammar,
  context: Record<string, unknown>,
): string | null {
  try {
    if (grammar === 'expression') evaluate(source, context);
    else unaryTest(source, context);
  } catch (error) {
    if (error instanceof FeelSyntaxError) return error.message;
  }
  return null;
}

/**
 * Evaluates a FEEL expression (with or without its '=') against the variables. A missing
 * variable, a wrong type or a syntax error is a failure value. A null result that comes with
 * warnings is a failure (Zeebe raises an incident there); a non-null result is kept even with
 * warnings, so `x = null` on a missing x works. FEEL dates, times and durations come back as
 * their ISO strings, so results are plain JSON data.
 */
export function evaluateFeel(
  expr: string,
  variables: Record<string, unknown>,
  options: FeelOptions = {},
): FeelResult {
  const { source } = feelSource(expr);
  let result: ReturnType<typeof evaluate>;
  const problems: string[] = [];
  try {
    result = evaluateWithBuiltins(source, withFunctions(variables, options, problems), 'expression');
  } catch (error) {
    const where = error instanceof FeelSyntaxError ? ` at position ${error.position.from}` : '';
    return {
      ok: false,
      message: `Failed to evaluate expression '${source}': ${describe(error)}${where}`,
    };
  }
  const isNull = result.value === null || result.value === undefined;
  const warnings = [...problems, ...result.warnings.map((w) => w.message)];
  if (isNull && warnings.length > 0 && options.nullOnWarnings !== true) {
    const reasons = warnings.join('; ');
    return { ok: false, message: `Failed to evaluate expression '${source}': ${reasons}` };
  }
  if (options.feelValues === true) return { ok: true, value: result.value ?? null };
  const plain = toPlain(result.value);
  if (!plain.ok) return { ok: false, message: `Expression '${source}' ${plain.message}` };
  return { ok: true, value: plain.value };
}

/**
 * A FEEL value as plain JSON data: dates, times and durations as their ISO strings. A function
 * or another non-data value is a failure ('yields a function, not a value').
 */
export function plainValue(value: unknown): FeelResult {
  return toPlain(value);
}

/** Evaluates a condition; anything other than a boolean result is a failure. */
export function evaluateCondition(
  expr: string,
  variables: Record<string, unknown>,
  options: FeelOptions = {},
): FeelResult<boolean> {
  const result = evaluateFeel(expr, variables, options);
  if (!result.ok) return result;
  if (typeof result.value !== 'boolean') {
    const { source } = feelSource(expr);
    return {
      ok: false,
      message: `Expected result of the expression '${source}' to be a boolean, but was ${describeValue(result.value)}`,
    };
  }
  return { ok: true, value: result.value };
}

/**
 * Evaluates DMN unary tests (a decision table's input entry) against an input value: true when
 * the value passes, false when it does not. FEEL's ternary logic gives null where a test cannot
 * be decided (comparing a string with a number, a missing variable); that is no match, as in
 * the DMN specification, so only a syntax error is a failure here. `-` and blank match anything.
 */
export function evaluateUnaryTests(
  tests: string,
  input: unknown,
  variables: Record<string, unknown>,
  options: FeelOptions = {},
): FeelResult<boolean> {
  if (tests.trim() === '' || tests.trim() === '-') return { ok: true, value: true };
  let result: ReturnType<typeof unaryTest>;
  try {
    const context = { ...withFunctions(variables, options, []), '?': input ?? null };
    result = evaluateWithBuiltins(tests, context, 'unaryTests') as ReturnType<typeof unaryTest>;
  } catch (error) {
    const where = error instanceof FeelSyntaxError ? ` at position ${error.position.from}` : '';
    return { ok: false, message: `Failed to evaluate unary tests '${tests}': ${describe(error)}${where}` };
  }
  return { ok: true, value: result.value === true };
}

/**
 * Evaluates with FEEL's functions and variables kept apart, as Zeebe's FEEL engine does: a call
 * `duration("P1D")` always means the built-in, even in a case that has a variable `duration`,
 * while the name on its own still means the variable. feelin looks every name up in the context
 * first, so a case variable named like a built-in (`date`, `count`, `string`, `list contains`…)
 * would otherwise break each call of it in the diagram, and setting it to null at an incident
 * retry would not help (null shadows too). Refusing such names instead would break reasonable
 * case data ("date", "number", "count") and still leave names the engine writes itself.
 *
 * Only when a variable shadows a built-in is the expression parsed here: each call of the
 * shadowed name is renamed, in the source, to a reserved name bound to the built-in. Functions
 * in the context (the engine's clock) are not case data and keep winning.
 */
function evaluateWithBuiltins(
  source: string,
  context: Record<string, unknown>,
  grammar: Grammar,
): ReturnType<typeof evaluate> {
  const run = grammar === 'expression' ? evaluate : unaryTest;
  const shadowed = new Set(
    Object.keys(context)
      .filter((key) => typeof context[key] !== 'function')
      .map(normaliseName)
      .filter(isBuiltinName),
  );
  if (shadowed.size === 0) return run(source, context);
  const calls = callsOf(source, context, shadowed, grammar);
  if (calls.length === 0) return run(source, context);
  const bound: Record<string, unknown> = { ...context };
  const aliases = new Map<string, string>();
  let rewritten = '';
  let at = 0;
  for (const call of calls) {
    let alias = aliases.get(call.name);
    if (alias === undefined) {
      alias = reservedName(bound, aliases.size);
      aliases.set(call.name, alias);
      bound[alias] = builtinNamed(call.name);
    }
    rewritten += `${source.slice(at, call.from)}${alias}`;
    at = call.to;
  }
  return run(rewritten + source.slice(at), bound);
}

/** The calls `name(…)` of the given names, in source order (feelin parses with the same context). */
function callsOf(
  source: string,
  context: Record<string, unknown>,
  names: Set<string>,
  grammar: Grammar,
): { from: number; to: number; name: string }[] {
  const calls: { from: number; to: number; name: string }[] = [];
  PARSERS[grammar](source, context, undefined).iterate({
    enter(node) {
      if (node.type.isError) return false;
      if (node.name !== 'FunctionInvocation') return true;
      const callee = node.node.firstChild;
      if (callee?.name === 'VariableName') {
        const name = normaliseName(source.slice(callee.from, callee.to));
        if (names.has(name)) calls.push({ from: callee.from, to: callee.to, name });
      }
      return true;
    },
  });
  return calls;
}

/** Built-in names are lowercase words (`count`, `list contains`, `years and months duration`). */
const BUILTIN_NAME_SHAPE = /^[a-z]+(?: [a-z]+){0,4}$/;
const builtinNames = new Map<string, boolean>();

/**
 * Asks feelin whether `name` is a built-in: a name present in the context but undefined there
 * falls back to the built-in. Only short lowercase words are asked (a lookup, never real work).
 */
function isBuiltinName(name: string): boolean {
  if (name.length > 40 || !BUILTIN_NAME_SHAPE.test(name)) return false;
  let known = builtinNames.get(name);
  if (known === undefined) {
    known = typeof builtinNamed(name) === 'function';
    if (builtinNames.size > 1000) builtinNames.clear();
    builtinNames.set(name, known);
  }
  return known;
}

function builtinNamed(name: string): unknown {
  try {
    return evaluate(name, { [name]: undefined }).value;
  } catch {
    return undefined;
  }
}

/** A name no case variable has, for a built-in in a rewritten expression. */
function reservedName(context: Record<string, unknown>, index: number): string {
  let name = `__builtin${index}`;
  while (Object.hasOwn(context, name)) name = `_${name}`;
  return name;
}

/** How feelin compares names: runs of whitespace count as one space. */
function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/**
 * The engine's functions win over variables of the same name: now() always means the given
 * time, `add school days` the case's calendar. The calendar functions report wrong arguments
 * into `problems`.
 */
function withFunctions(
  variables: Record<string, unknown>,
  options: FeelOptions,
  problems: string[],
): Record<string, unknown> {
  const calendar = calendarFunctions(options.calendar ?? WEEKDAYS_CALENDAR, problems);
  if (options.now === undefined) return { ...variables, ...calendar };
  const instant = parseDateTime(options.now);
  const date = parseDate(options.now.slice(0, 10));
  if (!instant || !date) throw new Error(`Expected an ISO 8601 date-time as the clock, got '${options.now}'`);
  return { ...variables, ...calendar, now: () => instant, today: () => date };
}

function toPlain(value: unknown): FeelResult {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'function') return { ok: false, message: 'yields a function, not a value' };
  if (typeof value !== 'object') return { ok: true, value };
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const plain = toPlain(item);
      if (!plain.ok) return plain;
      items.push(plain.value);
    }
    return { ok: true, value: items };
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return { ok: true, value: toJSON.call(value) as unknown };
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    return { ok: false, message: 'yields a value that is not plain data' };
  }
  const entries: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const plain = toPlain(item);
    if (!plain.ok) return plain;
    entries[key] = plain.value;
  }
  return { ok: true, value: entries };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
