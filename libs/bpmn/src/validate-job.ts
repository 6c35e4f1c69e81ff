import { JOB_TYPES } from './job-types';
import { parseRetries, taskDefinitionOf, taskHeadersOf } from './element-properties';
import type { ModdleElement } from './moddle';
import { jobTypeProblem } from './job-type-problems';
import { named } from './diagram-problem';
import { problem } from './problem-messages';
import type { Report } from './report';
import { clip } from './text';

/**
 * Service and send tasks, message throw and end events: a job type some worker handler runs,
 * retries, headers.
 */
export function checkJobDefinition(task: ModdleElement, report: Report): void {
  const { type, retries } = taskDefinitionOf(task);
  const typeProblem = jobTypeProblem(type, JOB_TYPES, named(task));
  if (typeProblem) report(task, typeProblem);
  if (retries !== undefined && parseRetries(retries) === undefined) {
    report(task, problem('job.retries', { element: named(task), value: clip(retries) }));
  }

  const seen = new Set<string>();
  for (const { key } of taskHeadersOf(task)) {
    if (key === undefined) report(task, problem('job.headerNoKey', { element: named(task) }));
    else if (key === '__proto__') report(task, problem('job.headerProto', { element: named(task) }));
    else if (seen.has(key))
      report(task, problem('job.headerTwice', { element: named(task), key: clip(key) }));
    else seen.add(key);
  }
}
