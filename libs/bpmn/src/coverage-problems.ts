import { elementProp, extensionsOf, listProp, type ModdleElement } from './moddle-read';
import { problem, type ProblemText } from './problem-messages';

/**
 * What the coverage map says about one element, as coded problems: the one wording of "not
 * supported" for the deploy validator (validate-coverage.ts, over COVERAGE) and the modeler's
 * lint rule (lint/coverage-rule.ts, over the map the api serves). Pure: no parser, no Node.
 */

/** A coverage entry as both callers have it: COVERAGE's own, or the api's vocabulary. */
export interface CoverageLike {
  tier: 1 | 2 | 3;
  supported: boolean;
  label: string;
  labelZh?: string;
}

export type CoverageLookup = (key: string) => CoverageLike | undefined;

/** The coverage key of an element: its type, or type+event definition for events. */
export function coverageKeyOf(element: ModdleElement): string {
  const definitions = listProp(element, 'eventDefinitions');
  if (definitions.length > 1) return `${element.$type}+bpmn:MultipleEventDefinition`;
  const [definition] = definitions;
  if (definition) return `${element.$type}+${definition.$type}`;
  if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true) {
    return 'bpmn:SubProcess+triggeredByEvent';
  }
  return element.$type;
}

/**
 * Why the coverage map does not support `key` (e.g. 'bpmn:ComplexGateway'), or null when it
 * does. The element is named as the diagram has it; the label in the reader's language.
 */
export function unsupportedProblem(key: string, lookup: CoverageLookup): ProblemText | null {
  const entry = lookup(key);
  const [type = key, definition] = key.split('+');
  const what =
    definition === undefined
      ? problem('coverage.what', { type })
      : problem('coverage.whatWith', { type, definition });
  if (!entry) return problem('coverage.unknown', { what });
  if (entry.supported) return null;
  const label = { en: entry.label, 'zh-CN': entry.labelZh ?? entry.label };
  if (entry.tier === 3) return problem('coverage.never', { what, label });
  return problem('coverage.notYet', { what, label, tier: entry.tier });
}

const expected = (detail: ProblemText): ProblemText => problem('coverage.expectedSupported', { detail });

/** The Zeebe extensions of an element the map does not support; other vendors' are theirs. */
export function extensionCoverageProblems(element: ModdleElement, lookup: CoverageLookup): ProblemText[] {
  return extensionsOf(element).flatMap((extension) => {
    if (!extension.$type.startsWith('zeebe:')) return [];
    const found = unsupportedProblem(extension.$type, lookup);
    return found ? [expected(found)] : [];
  });
}

/** An artifact (annotation, association, group) the map does not support. */
export function artifactCoverageProblems(artifact: ModdleElement, lookup: CoverageLookup): ProblemText[] {
  const found = unsupportedProblem(artifact.$type, lookup);
  return found ? [expected(found)] : [];
}

/**
 * A flow element (node or sequence flow): its kind, its loop, its use as a compensation
 * handler and its Zeebe extensions, in the order the deploy lists them.
 */
export function flowElementCoverageProblems(element: ModdleElement, lookup: CoverageLookup): ProblemText[] {
  const problems: ProblemText[] = [];
  const add = (found: ProblemText | null): void => {
    if (found) problems.push(expected(found));
  };
  add(unsupportedProblem(coverageKeyOf(element), lookup));
  const loop = elementProp(element, 'loopCharacteristics');
  if (loop) add(unsupportedProblem(loop.$type, lookup));
  if (element.isForCompensation === true) {
    add(problem('coverage.compensationHandler', { type: element.$type }));
  }
  problems.push(...extensionCoverageProblems(element, lookup));
  return problems;
}
