import {
  artifactCoverageProblems,
  extensionCoverageProblems,
  flowElementCoverageProblems,
  type CoverageLike,
} from '../coverage-problems';
import { named } from '../diagram-problem';
import { JOB_ELEMENT_TYPES, jobTypeOf, jobTypeProblem } from '../job-type-problems';
import { isModdleElement, listProp, type ModdleElement } from '../moddle-read';
import { renderProblem, type ProblemLanguage, type ProblemText } from '../problem-messages';

/**
 * The modeler's CarePath lint rule (bpmnlint 11): every element the server's coverage map does
 * not support, and every job type no worker handler runs, reported on the element as the lead
 * draws, with the very codes and words the deploy answers (docs/adr/0014). One file for the
 * browser (bpmn-js-bpmnlint over bpmn-js's tree) and Node (bpmnlint's Linter over bpmn-moddle).
 */

/** What the rule needs from GET /api/modeler/vocabulary. */
export interface LintVocabulary {
  coverage: Record<string, CoverageLike>;
  jobTypes: readonly string[];
}

/** bpmnlint's reporter: `report(id, message)` marks the element with that id. */
export interface LintReporter {
  report(id: string, message: string, path?: (string | number)[]): void;
}

export interface LintRule {
  check(node: unknown, reporter: LintReporter): void;
}

/** The rule's name in a bpmnlint config (`rules: { [COVERAGE_RULE_NAME]: 'error' }`). */
export const COVERAGE_RULE_NAME = 'carepath/coverage';

/** Where a bpmnlint StaticResolver finds the rule of that name (plugin `bpmnlint-plugin-carepath`). */
export const COVERAGE_RULE_RESOLVER_KEY = 'rule:bpmnlint-plugin-carepath/coverage';

/** The problems of one node of the tree, as codes (the rule renders them). */
export function coverageLintProblems(node: unknown, vocabulary: LintVocabulary): ProblemText[] {
  if (!isModdleElement(node)) return [];
  const lookup = (key: string): CoverageLike | undefined =>
    Object.hasOwn(vocabulary.coverage, key) ? vocabulary.coverage[key] : undefined;
  const parent = node.$parent;
  const inParent = (property: string): boolean =>
    isModdleElement(parent) && listProp(parent, property).includes(node);
  // The deploy checks a process's own extensions, then each artifact and flow element in it.
  if (node.$type === 'bpmn:Process') return extensionCoverageProblems(node, lookup);
  if (inParent('artifacts')) return artifactCoverageProblems(node, lookup);
  if (!inParent('flowElements')) return [];
  const problems = flowElementCoverageProblems(node, lookup);
  const type = jobTypeOf(node);
  // Only an unknown type is this rule's; a missing one is camunda-compat's implementation rule.
  if (type !== undefined && JOB_ELEMENT_TYPES.includes(node.$type)) {
    const found = jobTypeProblem(type, vocabulary.jobTypes, named(node as ModdleElement));
    if (found) problems.push(found);
  }
  return problems;
}

/**
 * A bpmnlint rule factory over the vocabulary, messages in `language`. Register it with a
 * StaticResolver under `rule:<plugin>/<name>` (docs/api.md#modeler-vocabulary).
 */
export function createCoverageRule(vocabulary: LintVocabulary, language: ProblemLanguage): () => LintRule {
  return () => ({
    check(node, reporter) {
      for (const found of coverageLintProblems(node, vocabulary)) {
        reporter.report((node as ModdleElement).id ?? '', renderProblem(found, language));
      }
    },
  });
}
