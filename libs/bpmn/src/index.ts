export { compileProcess } from './compile';
export { COVERAGE, coverageOf, unsupportedMessage } from './coverage';
export type { CoverageEntry, CoverageKey, Tier } from './coverage';
export { MAX_EXPRESSION_LENGTH } from './report';
export { MAX_DIAGRAM_BYTES, MAX_DIAGRAM_ELEMENTS } from './xml-guard';
export * from './workflow';
