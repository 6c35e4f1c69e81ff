import { evaluateUnaryTests, isFeel } from '../../expressions/src';
import { coerceValue, fieldErrors } from './field-rules';
import { type FormErrorCode, type FormLanguage, formMessage } from './messages';
import { type FormComponent, type FormField, type FormSchema, fieldsOf } from './schema';

/** One reason a submission is refused: the field's key (its value path) and why. */
export interface FormError {
  /** The field's value path, dot-separated ('riskLevel', 'contact.email'); or a key the form lacks. */
  path: string;
  code: FormErrorCode;
  message: string;
}

export interface SubmissionResult {
  /** What the case receives: the visible, enabled fields that were sent, coerced. */
  data: Record<string, unknown>;
  errors: FormError[];
}

export interface SubmissionOptions {
  /** The language of the messages; English by default. */
  language?: FormLanguage;
  /** The variables the task sees: FEEL in the form (hide conditions, bounds, options) reads them under the data. */
  context?: Record<string, unknown>;
}

type Data = Record<string, unknown>;

/**
 * Checks a task completion's data against the task's form, as the form-js viewer would on
 * submit (docs/forms.md): fields a `conditional.hide` hides, and disabled fields, are neither
 * checked nor kept; every other field is checked by fieldErrors; keys that are not fields of the
 * form are errors (`unknownField`). `data` is the result only when `errors` is empty.
 */
export function validateSubmission(
  schema: FormSchema,
  data: Data,
  { language = 'en', context = {} }: SubmissionOptions = {},
): SubmissionResult {
  const fields = fieldsOf(schema);
  const errors: FormError[] = unknownKeys(fields, data).map((path) => ({
    path,
    code: 'unknownField',
    message: formMessage('unknownField', {}, language),
  }));
  const expressionContext = visibleContext(fields, { ...context, ...data });
  const hidden = hiddenFields(fields, expressionContext);
  const cleaned: Data = {};
  for (const field of fields) {
    if (hidden.has(field) || field.component.disabled === true) continue;
    const sent = lookup(data, field.path);
    const path = field.path.join('.');
    for (const error of fieldErrors(field.component, sent.value, expressionContext, language)) {
      errors.push({ path, ...error });
    }
    if (!sent.found) continue;
    const coerced = coerceValue(field.component, sent.value);
    if (coerced.ok) assign(cleaned, field.path, coerced.value);
  }
  return { data: cleaned, errors };
}

/**
 * The fields hidden by their own or an enclosing group's `conditional.hide`, evaluated as the
 * viewer renders: once against the data, then again with the values of the fields found hidden
 * removed (so a condition on a hidden field sees it empty).
 */
export function hiddenFields(fields: FormField[], context: Data): Set<FormField> {
  return new Set(fields.filter((field) => isHidden(field, context)));
}

function visibleContext(fields: FormField[], merged: Data): Data {
  const firstPass = hiddenFields(fields, merged);
  if (firstPass.size === 0) return merged;
  const filtered = structuredCloneData(merged);
  for (const field of firstPass) remove(filtered, field.path);
  return filtered;
}

function isHidden(field: FormField, context: Data): boolean {
  return [...field.containers, field.component].some((component) => hides(component, context));
}

/**
 * A `conditional.hide` is a FEEL unary test ('=…'); it hides only when it yields true (the
 * viewer's rule: an expression that fails, or a string without '=', hides nothing).
 */
function hides(component: FormComponent, context: Data): boolean {
  const hide = component.conditional?.hide;
  if (typeof hide !== 'string' || !isFeel(hide) || hide.slice(1).trim() === '') return false;
  const result = evaluateUnaryTests(hide.slice(1), null, context);
  return result.ok && result.value;
}

/** Sent keys that no field reads: paths that are neither a field's path nor lead to one. */
function unknownKeys(fields: FormField[], data: Data): string[] {
  const leaves = new Set(fields.map((field) => field.path.join('.')));
  const prefixes = new Set(
    fields.flatMap((field) => field.path.slice(0, -1).map((_, i) => field.path.slice(0, i + 1).join('.'))),
  );
  const unknown: string[] = [];
  const visit = (value: Data, prefix: string[]): void => {
    for (const [key, item] of Object.entries(value)) {
      const path = [...prefix, key].join('.');
      if (leaves.has(path)) continue;
      if (prefixes.has(path) && isPlainObject(item)) visit(item, [...prefix, key]);
      else unknown.push(path);
    }
  };
  visit(data, []);
  return unknown;
}

function isPlainObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lookup(data: Data, path: string[]): { found: boolean; value: unknown } {
  let at: unknown = data;
  for (const segment of path) {
    if (!isPlainObject(at) || !Object.hasOwn(at, segment)) return { found: false, value: undefined };
    at = at[segment];
  }
  return { found: true, value: at };
}

function assign(data: Data, path: string[], value: unknown): void {
  let at = data;
  for (const segment of path.slice(0, -1)) {
    const next = at[segment];
    if (!isPlainObject(next)) at[segment] = {};
    at = at[segment] as Data;
  }
  at[path[path.length - 1]!] = value;
}

function remove(data: Data, path: string[]): void {
  let at: unknown = data;
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(at)) return;
    at = at[segment];
  }
  if (isPlainObject(at)) delete at[path[path.length - 1]!];
}

/** A copy deep enough that removing a nested field leaves the caller's data alone. */
function structuredCloneData(data: Data): Data {
  const copy: Data = {};
  for (const [key, value] of Object.entries(data))
    copy[key] = isPlainObject(value) ? structuredCloneData(value) : value;
  return copy;
}
