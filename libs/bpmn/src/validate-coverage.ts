import { coverageOf } from './coverage';
import {
  artifactCoverageProblems,
  extensionCoverageProblems,
  flowElementCoverageProblems,
} from './coverage-problems';
import { listProp, type ModdleElement } from './moddle';
import type { Report } from './report';

/**
 * Reports every element, loop, artifact and Zeebe extension the coverage map does not mark as
 * supported, descending into every container so one deploy lists them all. The modeler's lint
 * rule (lint/coverage-rule.ts) reports the same problems element by element.
 */
export function checkCoverage(container: ModdleElement, report: Report): void {
  for (const found of extensionCoverageProblems(container, coverageOf)) report(container, found);
  for (const artifact of listProp(container, 'artifacts')) {
    for (const found of artifactCoverageProblems(artifact, coverageOf)) report(artifact, found);
  }
  for (const element of listProp(container, 'flowElements')) {
    for (const found of flowElementCoverageProblems(element, coverageOf)) report(element, found);
    if (listProp(element, 'flowElements').length > 0 || listProp(element, 'artifacts').length > 0) {
      checkCoverage(element, report);
    }
  }
}
