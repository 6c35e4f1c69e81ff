import { checkFeelSyntax, isFeel } from '../../expressions/src';
import { named } from './diagram-problem';
import type { ModdleElement } from './moddle-read';
import { renderProblem, type ProblemText } from './problem-messages';
import { clip } from './text';

/**
 * The longest expression a property may hold. Parsing FEEL costs more than linear time in its
 * length (a 4 KB expression takes 0.1–0.8 s, a 50 KB one seconds, a 400 KB one exhausts the
 * heap), and the care pathways' own expressions stay well under 500 characters.
 */
export const MAX_EXPRESSION_LENGTH = 4096;

/** Records one problem at an element; validators call it once per thing wrong. */
export type Report = (element: ModdleElement, problem: ProblemText | string) => void;

/**
 * Checks one expression-valued property. A FEEL value ('=' prefix) must parse; a static value
 * is accepted unless `feelOnly`, for the properties Zeebe only reads as FEEL.
 */
export function checkExpression(
  element: ModdleElement,
  value: string,
  where: string,
  report: Report,
  options: { feelOnly?: boolean } = {},
): void {
  if (value.length > MAX_EXPRESSION_LENGTH) {
    report(
      element,
      `Expected at most ${MAX_EXPRESSION_LENGTH} characters as ${where}, got ${value.length}: move the logic into smaller expressions or a service task`,
    );
    return;
  }
  if (!isFeel(value)) {
    if (options.feelOnly) {
      report(element, `Expected a FEEL expression (starting with '=') as ${where}, got '${clip(value)}'`);
    }
    return;
  }
  const problem = checkFeelSyntax(value);
  if (problem) {
    report(
      element,
      `Expected a valid FEEL expression as ${where}: ${problem.message} at position ${problem.position} of '${clip(value)}'`,
    );
  }
}

/** Matches Zeebe's variable names and the dotted paths (result.score) mappings may write to. */
const VARIABLE_PATH = /^[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u;

/** Checks a property that names a variable (a mapping target, a result variable, …). */
export function checkVariableName(
  element: ModdleElement,
  value: string,
  where: string,
  report: Report,
  options: { path?: boolean } = {},
): void {
  const valid = VARIABLE_PATH.test(value) && (options.path === true || !value.includes('.'));
  if (!valid) {
    const expected = options.path ? 'a variable name or a dotted path (result.score)' : 'a variable name';
    report(element, `Expected ${where} to be ${expected}, got '${clip(value)}'`);
  }
}

/** An element as messages quote it: its name and id, or its id alone. */
export function describe(node: ModdleElement): string {
  return renderProblem(named(node), 'en');
}
