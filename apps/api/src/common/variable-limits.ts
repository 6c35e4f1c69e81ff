import { ProblemException } from './problem.filter';

/**
 * Case variables travel in Temporal messages (a start's input, an Update's arguments, the state
 * a run continues as new with) and every message is refused above 4 MB, blobs above 2 MB. A
 * case past that would be stuck for good, so its variables are bounded well below it, leaving
 * room for the diagram's model beside them. Sizes are of the serialized JSON, in UTF-8 bytes.
 */

/** One variable: forms and notes, not files (an attachment belongs in a document store). */
export const MAX_VARIABLE_BYTES = 256 * 1024;
/** All process-level variables of one case together, after a start, completion, message or retry. */
export const MAX_CASE_VARIABLES_BYTES = 1024 * 1024;

const kib = (bytes: number): string => `${Math.ceil(bytes / 1024)} KiB`;

/** The size of a value as JSON in UTF-8, as the limits here count it. */
export function serializedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** 413 naming the first variable above MAX_VARIABLE_BYTES. */
function checkVariableSizes(variables: Record<string, unknown>, path = 'variables'): void {
  for (const [name, value] of Object.entries(variables)) {
    const bytes = serializedBytes(value);
    if (bytes > MAX_VARIABLE_BYTES) {
      throw new ProblemException(
        413,
        `Variable ${name} is ${kib(bytes)} as JSON; one variable may be at most ${kib(MAX_VARIABLE_BYTES)}`,
        [
          {
            path: `${path}.${name}`,
            message: `Expected at most ${kib(MAX_VARIABLE_BYTES)} (serialized JSON)`,
          },
        ],
      );
    }
  }
}

/**
 * 413 when the case's variables, with `incoming` set over them, would exceed
 * MAX_CASE_VARIABLES_BYTES. `current` is what the case holds now (none for a new case).
 */
export function checkCaseVariablesSize(
  current: Record<string, unknown>,
  incoming: Record<string, unknown>,
  path = 'variables',
): void {
  checkVariableSizes(incoming, path);
  checkTotal(current, incoming, path);
}

function checkTotal(current: Record<string, unknown>, incoming: Record<string, unknown>, path: string): void {
  const bytes = serializedBytes({ ...current, ...incoming });
  if (bytes > MAX_CASE_VARIABLES_BYTES) {
    throw new ProblemException(
      413,
      `The case's variables would be ${kib(bytes)} as JSON; a case may hold at most ${kib(MAX_CASE_VARIABLES_BYTES)}`,
      [
        {
          path,
          message: `Expected the case's variables to stay within ${kib(MAX_CASE_VARIABLES_BYTES)} (serialized JSON)`,
        },
      ],
    );
  }
}

/** Where a case's current variables come from (InstancesRepository). */
export interface CaseVariablesSource {
  variablesOf(instanceId: string): Promise<Record<string, unknown> | null>;
}

/** checkCaseVariablesSize against the process-level variables the case `instanceId` has now. */
export async function checkCaseVariables(
  cases: CaseVariablesSource,
  instanceId: string,
  incoming: Record<string, unknown>,
  path = 'variables',
): Promise<void> {
  checkVariableSizes(incoming, path);
  if (Object.keys(incoming).length === 0) return;
  checkTotal((await cases.variablesOf(instanceId)) ?? {}, incoming, path);
}
