export { compileProcess } from './compile';
export { COVERAGE, coverageOf, unsupportedMessage } from './coverage';
export type { CoverageEntry, CoverageKey, Tier } from './coverage';
export { problemAt } from './diagram-problem';
export {
  inLanguage,
  problem,
  renderProblem,
  renderProblemSummary,
  PROBLEM_LANGUAGES,
} from './problem-messages';
export type { ProblemCode, ProblemLanguage, ProblemParam, ProblemText } from './problem-messages';
export { MAX_EXPRESSION_LENGTH } from './report';
export { MAX_DIAGRAM_BYTES, MAX_DIAGRAM_ELEMENTS } from './xml-guard';
export * from './workflow';
// Reading moddle trees and guarding XML, shared with the DMN parser (libs/dmn), which reads its
// files with dmn-moddle the way the compiler reads diagrams.
export { checkXmlSafety } from './xml-guard';
export { elementProp, isModdleElement, listProp, stringProp, type ModdleElement } from './moddle';
export { clip } from './text';
export { optional } from './optional';
