import { PROBLEM_CATALOGUE } from './problem-catalogue';

/**
 * Diagram problems as data: a stable `code` and its `params`, rendered in the reader's language
 * from one catalogue (problem-catalogue.ts) by the deploy (apps/api) and by the modeler's lint
 * (lint/coverage-rule.ts) alike — docs/adr/0014-coded-diagram-problems.md. Pure: the browser
 * loads it through lint.ts.
 */
export type ProblemLanguage = 'zh-CN' | 'en';

export const PROBLEM_LANGUAGES: readonly ProblemLanguage[] = ['zh-CN', 'en'];

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

/** Text CarePath holds in both languages that is not a catalogue entry (a coverage label). */
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

/**
 * A parameter: data from the diagram (an id, a name, an expression, a type, a number) shown as
 * it is, a nested coded fragment rendered in the same language, or text given in both languages.
 * English prose is never passed as a plain string: it would reach a Chinese reader untranslated.
 */
export type ProblemParam = string | number | ProblemText | LocalizedText;

export interface ProblemText {
  code: ProblemCode;
  params: Record<string, ProblemParam>;
}

/** A coded problem: `problem('flow.missingCondition', { flow: 'Flow_1' })`. */
export function problem(code: ProblemCode, params: Record<string, ProblemParam> = {}): ProblemText {
  return { code, params };
}

export function isProblemText(value: unknown): value is ProblemText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { en?: unknown }).en === 'string' &&
    typeof (value as { 'zh-CN'?: unknown })['zh-CN'] === 'string'
  );
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The problem as a sentence in `language`. A code the catalogue does not know (data from a newer
 * version, say) renders as the code and its params rather than throwing: a message must always
 * reach the reader.
 */
export function renderProblem(
  text: { code: string; params?: Record<string, unknown> },
  language: ProblemLanguage,
): string {
  const entry = Object.hasOwn(PROBLEM_CATALOGUE, text.code)
    ? PROBLEM_CATALOGUE[text.code as ProblemCode]
    : undefined;
  const params = text.params ?? {};
  if (!entry) return `${text.code} ${JSON.stringify(params)}`;
  return entry[language].replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? renderParam(params[name], language) : whole,
  );
}

function renderParam(value: unknown, language: ProblemLanguage): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isProblemText(value)) return renderProblem(value, language);
  if (isLocalizedText(value)) return value[language];
  return String(value);
}

/** Items (ids, attribute names) as "a and b and c" reads in the reader's language. */
export function andList(items: readonly string[]): ProblemParam {
  const [first = '', ...rest] = items;
  return rest.length === 0 ? first : problem('list.and', { first, rest: andList(rest) });
}

/** The placeholders of a template, for the catalogue's tests. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').sort();
}

/** A problem (with its element) re-worded for a reader: `message` in `language`. */
export function inLanguage<T extends { code: string; params: Record<string, unknown>; message: string }>(
  found: T,
  language: ProblemLanguage,
): T {
  return { ...found, message: renderProblem(found, language) };
}

/** One line listing problems by element, as the deploy's 400 `detail` says them. */
export function renderProblemSummary(
  problems: readonly { elementId: string; message: string }[],
  language: ProblemLanguage,
): string {
  const list = problems
    .map((found) =>
      renderProblem(
        problem('summary.item', {
          element: found.elementId || problem('summary.document'),
          message: found.message,
        }),
        language,
      ),
    )
    .join(language === 'en' ? '; ' : '；');
  return renderProblem(problem('summary.problems', { count: problems.length, list }), language);
}
