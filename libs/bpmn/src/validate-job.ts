import { isFeel } from '../../expressions/src';
import { JOB_TYPES } from './job-types';
import { parseRetries, taskDefinitionOf, taskHeadersOf } from './element-properties';
import type { ModdleElement } from './moddle';
import { describe, type Report } from './report';
import { clip } from './text';

const KNOWN_JOB_TYPES: ReadonlySet<string> = new Set(JOB_TYPES);

/**
 * Service and send tasks, message throw and end events: a job type some worker handler runs,
 * retries, headers.
 */
export function checkJobDefinition(task: ModdleElement, report: Report): void {
  const known = JOB_TYPES.join(', ');
  const { type, retries } = taskDefinitionOf(task);
  if (type === undefined) {
    report(
      task,
      `Expected a job type on ${describe(task)}: set zeebe:taskDefinition type (one of: ${known})`,
    );
  } else if (isFeel(type)) {
    report(
      task,
      `Expected a static zeebe:taskDefinition type on ${describe(task)} (one of: ${known}): a FEEL job type cannot be checked against the worker's handlers`,
    );
  } else if (!KNOWN_JOB_TYPES.has(type)) {
    report(
      task,
      `Expected the zeebe:taskDefinition type of ${describe(task)} to be a job type the worker handles (one of: ${known}), got '${clip(type)}'`,
    );
  }
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
