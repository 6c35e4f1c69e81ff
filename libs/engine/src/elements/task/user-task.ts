import type { UserTaskElement } from '../../../../bpmn/src/workflow';
import { evaluateFeel, isFeel, toUtcInstant } from '../../../../expressions/src';
import type { EngineContext, UserTaskSpec, Variables } from '../../types';
import { failure, type ElementHandler } from '../handler';
import { feelOptions } from '../../feel-options';

/** Zeebe's default user task priority. */
export const DEFAULT_PRIORITY = 50;

/**
 * Opens a task and waits for it to be completed. Assignment and schedule are resolved now,
 * once, against the variables at this moment: static values as written, FEEL evaluated.
 */
export const userTaskHandler: ElementHandler<UserTaskElement> = {
  activate: ({ element, variables, ctx }) => {
    const resolved = resolveTask(element, variables, ctx);
    return typeof resolved === 'string'
      ? failure(element.id, resolved)
      : { kind: 'wait', waits: [{ kind: 'task', task: resolved }] };
  },
};

type Resolved<T> = { value: T } | { error: string };

/** The task spec, or the message of the first thing that could not be resolved. */
function resolveTask(
  element: UserTaskElement,
  variables: Variables,
  ctx: EngineContext,
): Omit<UserTaskSpec, 'taskId'> | string {
  const evaluate = (what: string, expression: string): Resolved<unknown> => {
    const result = evaluateFeel(expression, variables, feelOptions(ctx));
    return result.ok ? { value: result.value } : { error: `Expected ${what} to evaluate: ${result.message}` };
  };
  const { assignment } = element;
  const assignee =
    assignment.assignee === undefined ? { value: undefined } : resolveAssignee(assignment.assignee, evaluate);
  if ('error' in assignee) return assignee.error;
  const candidateGroups = resolveList('candidateGroups', assignment.candidateGroups, evaluate);
  if ('error' in candidateGroups) return candidateGroups.error;
  const candidateUsers = resolveList('candidateUsers', assignment.candidateUsers, evaluate);
  if ('error' in candidateUsers) return candidateUsers.error;
  const dueAt = resolveDateTime('dueDate', element.dueDate, evaluate);
  if ('error' in dueAt) return dueAt.error;
  const followUpAt = resolveDateTime('followUpDate', element.followUpDate, evaluate);
  if ('error' in followUpAt) return followUpAt.error;

  return {
    elementId: element.id,
    ...(element.name === undefined ? {} : { name: element.name }),
    ...(assignee.value === undefined ? {} : { assignee: assignee.value }),
    candidateGroups: candidateGroups.value,
    candidateUsers: candidateUsers.value,
    ...(dueAt.value === undefined ? {} : { dueAt: dueAt.value }),
    ...(followUpAt.value === undefined ? {} : { followUpAt: followUpAt.value }),
    priority: element.priority ?? DEFAULT_PRIORITY,
    ...(element.formId === undefined ? {} : { formId: element.formId }),
    ...(element.formKey === undefined ? {} : { formKey: element.formKey }),
  };
}

type Evaluate = (what: string, expression: string) => Resolved<unknown>;

function resolveAssignee(source: string, evaluate: Evaluate): Resolved<string | undefined> {
  if (!isFeel(source)) return { value: source.trim() || undefined };
  const result = evaluate('assignee', source);
  if ('error' in result) return result;
  if (typeof result.value !== 'string') {
    return { error: `Expected assignee '${source}' to be a string, but was ${JSON.stringify(result.value)}` };
  }
  return { value: result.value.trim() || undefined };
}

/** Static: comma-separated. FEEL: a list of strings, or a comma-separated string. */
function resolveList(what: string, source: string | undefined, evaluate: Evaluate): Resolved<string[]> {
  if (source === undefined) return { value: [] };
  if (!isFeel(source)) return { value: splitList(source) };
  const result = evaluate(what, source);
  if ('error' in result) return result;
  if (typeof result.value === 'string') return { value: splitList(result.value) };
  if (Array.isArray(result.value) && result.value.every((item) => typeof item === 'string')) {
    return { value: result.value.map((item: string) => item.trim()).filter((item) => item !== '') };
  }
  return {
    error: `Expected ${what} '${source}' to be a list of strings or a comma-separated string, but was ${JSON.stringify(result.value)}`,
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Static or FEEL; a FEEL null means no date (Zeebe). Stored as a UTC instant. */
function resolveDateTime(
  what: string,
  source: string | undefined,
  evaluate: Evaluate,
): Resolved<string | undefined> {
  if (source === undefined) return { value: undefined };
  let value: unknown = source;
  if (isFeel(source)) {
    const result = evaluate(what, source);
    if ('error' in result) return result;
    if (result.value === null) return { value: undefined };
    value = result.value;
  }
  const instant = typeof value === 'string' ? toUtcInstant(value) : null;
  return instant === null
    ? {
        error: `Expected ${what} '${source}' to be an ISO 8601 date-time with offset, but was ${JSON.stringify(value)}`,
      }
    : { value: instant };
}
