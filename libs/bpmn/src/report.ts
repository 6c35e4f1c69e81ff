import { checkFeelSyntax, isFeel } from '../../expressions/src';
import type { ModdleElement } from './moddle-read';
import { problem, type ProblemText } from './problem-messages';
import { clip } from './text';

/**
 * The longest expression a property may hold. Parsing FEEL costs more than linear time in its
 * length (a 4 KB expression takes 0.1–0.8 s, a 50 KB one seconds, a 400 KB one exhausts the
 * heap), and the care pathways' own expressions stay well under 500 characters.
 */
export const MAX_EXPRESSION_LENGTH = 4096;

/** Records one problem at an element; validators call it once per thing wrong. */
export type Report = (element: ModdleElement, problem: ProblemText) => void;

/**
 * Checks one expression-valued property. A FEEL value ('=' prefix) must parse; a static value
 * is accepted unless `feelOnly`, for the properties Zeebe only reads as FEEL.
 */
export function checkExpression(
  element: ModdleElement,
  value: string,
  where: ProblemText,
  report: Report,
  options: { feelOnly?: boolean } = {},
): void {
  if (value.length > MAX_EXPRESSION_LENGTH) {
    report(
      element,
      problem('expression.tooLong', { max: MAX_EXPRESSION_LENGTH, where, length: value.length }),
    );
    return;
  }
  if (!isFeel(value)) {
    if (options.feelOnly) report(element, problem('expression.notFeel', { where, value: clip(value) }));
    return;
  }
  const syntax = checkFeelSyntax(value);
  if (syntax) {
    // The parser's own words (lezer-feel, English) stay a quoted detail inside our sentence.
    report(
      element,
      problem('expression.invalidFeel', {
        where,
        detail: syntax.message,
        position: syntax.position,
        value: clip(value),
      }),
    );
  }
}

/** Matches Zeebe's variable names and the dotted paths (result.score) mappings may write to. */
const VARIABLE_PATH = /^[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u;

/** Checks a property that names a variable (a mapping target, a result variable, …). */
export function checkVariableName(
  element: ModdleElement,
  value: string,
  where: ProblemText,
  report: Report,
  options: { path?: boolean } = {},
): void {
  const valid = VARIABLE_PATH.test(value) && (options.path === true || !value.includes('.'));
  if (!valid) {
    report(
      element,
      problem(options.path ? 'variable.invalidPath' : 'variable.invalid', { where, value: clip(value) }),
    );
  }
}
