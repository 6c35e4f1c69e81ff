import { JOB_TYPES } from './job-types';
import { parseRetries, taskDefinitionOf, taskHeadersOf } from './element-properties';
import type { ModdleElement } from './moddle';
import { jobTypeProblem } from './job-type-problems';
import { named } from './diagram-problem';
import { describe, type Report } from './report';
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
    report(
      task,
      `Expected the zeebe:taskDefinition retries of ${describe(task)} to be an integer from 1 to 100, got '${clip(retries)}'`,
    );
  }

  const seen = new Set<string>();
  for (const { key } of taskHeadersOf(task)) {
    if (key === undefined) report(task, `Expected a key on every zeebe:header of ${describe(task)}`);
    else if (key === '__proto__')
      report(task, `Expected a zeebe:header key other than '__proto__' on ${describe(task)}`);
    else if (seen.has(key))
      report(task, `Expected each zeebe:header key once on ${describe(task)}, found '${clip(key)}' again`);
    else seen.add(key);
  }
}
