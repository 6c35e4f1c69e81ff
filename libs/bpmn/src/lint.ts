// The browser-safe entry of libs/bpmn: what the modeler (apps/web) lints and offers with, and
// nothing that parses XML or needs Node — no bpmn-moddle, no FEEL parser (the dependency-graph
// spec keeps it so). The same code words the deploy's problems on the server
// (docs/adr/0014-coded-diagram-problems.md).
export { COVERAGE, coverageOf } from './coverage';
export type { CoverageEntry, CoverageKey, Tier } from './coverage';
export { JOB_TYPES } from './job-types';
export type { JobType } from './job-types';
export { elementTemplates, JOB_TEMPLATES, ELEMENT_TEMPLATE_SCHEMA } from './job-templates';
export type { ElementTemplate, ElementTemplateProperty } from './job-templates';
export {
  COVERAGE_RULE_NAME,
  COVERAGE_RULE_RESOLVER_KEY,
  coverageLintProblems,
  createCoverageRule,
} from './lint/coverage-rule';
export type { LintReporter, LintRule, LintVocabulary } from './lint/coverage-rule';
export { problem, PROBLEM_LANGUAGES, renderProblem } from './problem-messages';
export type {
  LocalizedText,
  ProblemCode,
  ProblemLanguage,
  ProblemParam,
  ProblemText,
} from './problem-messages';
