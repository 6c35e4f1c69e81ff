import { evaluateFeel, isFeel } from '../../expressions/src';
import { decimalPlaces, nearestMultiples } from './decimal';
import { type FormErrorCode, type FormLanguage, formMessage, type MessageParams } from './messages';
import type { FormComponent, FormValidate } from './schema';

/**
 * The rules of one field (docs/forms.md#rules): those the form-js 1.23 viewer's Validator
 * applies, in its order, with CarePath's differences — patterns are anchored, phone numbers are
 * Chinese or international, a choice must be one of the field's options, and a value of the wrong
 * type is refused instead of quietly replaced by the field's empty value. The api runs them on a
 * completion (validateSubmission) and the browser's viewer runs the same function on each field.
 */

export interface FieldError {
  code: FormErrorCode;
  message: string;
}

/** The value a field receives from what was sent, or the code of the type it should have. */
export type Coerced = { ok: true; value: unknown } | { ok: false; code: FormErrorCode };

/**
 * What the viewer would hold for a sent value: numbers coerced (numeric strings become numbers,
 * or stay strings with `serializeToString`; '' is empty), a text field's line breaks become
 * spaces, null is the field's empty value ('' for text, false for a checkbox, [] for a list).
 */
export function coerceValue(component: FormComponent, value: unknown): Coerced {
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      if (value === null || value === undefined) return { ok: true, value: '' };
      if (typeof value !== 'string') return { ok: false, code: 'text' };
      return { ok: true, value: component.type === 'textfield' ? value.replace(/[\r\n\t]/g, ' ') : value };
    case 'number': {
      if (value === null || value === undefined || value === '') return { ok: true, value: null };
      const valid =
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
      if (!valid) return { ok: false, code: 'number' };
      return { ok: true, value: component.serializeToString ? String(value) : Number(value) };
    }
    case 'checkbox':
      if (value === null || value === undefined) return { ok: true, value: false };
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, code: 'boolean' };
    case 'checklist':
    case 'taglist':
      if (value === null || value === undefined) return { ok: true, value: [] };
      return Array.isArray(value) ? { ok: true, value } : { ok: false, code: 'list' };
    case 'datetime':
      if (value === null || value === undefined || value === '') return { ok: true, value: null };
      return typeof value === 'string' ? { ok: true, value } : { ok: false, code: subtypeOf(component) };
    default:
      return { ok: true, value: value ?? null };
  }
}

/**
 * The errors of one field's value: its type (coerceValue), then the viewer's rules. `context`
 * is what FEEL in the rules (min, max, minLength, maxLength, options) reads: the task's
 * variables with the form's data over them.
 */
export function fieldErrors(
  component: FormComponent,
  value: unknown,
  context: Record<string, unknown>,
  language: FormLanguage,
): FieldError[] {
  const coerced = coerceValue(component, value);
  const error = (code: FormErrorCode, params: MessageParams = {}): FieldError => ({
    code,
    message: formMessage(code, params, language),
  });
  if (!coerced.ok) return [error(coerced.code)];
  return ruleErrors(component, coerced.value, context).map(({ code, params, message }) =>
    message === undefined ? error(code, params) : { code, message },
  );
}

interface RuleError {
  code: FormErrorCode;
  params?: MessageParams;
  /** A message the form's author wrote (patternErrorMessage), shown as written. */
  message?: string;
}

function ruleErrors(component: FormComponent, value: unknown, context: Record<string, unknown>): RuleError[] {
  const errors: RuleError[] = [];
  const filled = value !== null && value !== undefined && value !== '';
  // The viewer checks bounds of any value but '' and nothing (0 included).
  const bounded = filled || typeof value === 'number';
  if (component.type === 'number') errors.push(...numberErrors(component, value));
  if (component.type === 'datetime' && filled && !isDateTimeValue(value as string, component.subtype)) {
    errors.push({ code: subtypeOf(component) });
  }
  errors.push(...optionErrors(component, value, context));
  const validate = component.validate;
  if (!validate || typeof validate !== 'object') return errors;
  const text = typeof value === 'string' ? value : null;

  if (validate.pattern && text) {
    const pattern = anchored(validate.pattern);
    if (!pattern || !pattern.test(text)) {
      errors.push(
        validate.patternErrorMessage
          ? { code: 'pattern', message: validate.patternErrorMessage }
          : { code: 'pattern', params: { pattern: validate.pattern } },
      );
    }
  }
  if (validate.required && isEmpty(component, value)) errors.push({ code: 'required' });
  for (const [bound, code] of [
    ['min', 'min'],
    ['max', 'max'],
  ] as const) {
    if (!hasBound(validate, bound) || !bounded) continue;
    const limit = numberOf(boundValue(validate[bound], context));
    const actual = numberOf(value);
    if (limit === null || actual === null) errors.push({ code: 'boundInvalid' });
    else if (code === 'min' ? actual < limit : actual > limit)
      errors.push({ code, params: { [code]: limit } });
  }
  if (text) {
    const length = text.trim().length;
    const min = hasBound(validate, 'minLength') ? numberOf(boundValue(validate.minLength, context)) : null;
    const max = hasBound(validate, 'maxLength') ? numberOf(boundValue(validate.maxLength, context)) : null;
    if (min !== null && length < min) errors.push({ code: 'minLength', params: { min } });
    if (max !== null && length > max) errors.push({ code: 'maxLength', params: { max } });
    if (validate.validationType === 'phone' && !isPhoneNumber(text)) errors.push({ code: 'phone' });
    if (validate.validationType === 'email' && !EMAIL.test(text)) errors.push({ code: 'email' });
  }
  return errors;
}

/** The viewer's required test: nothing, '', an unchecked checkbox or an empty list. */
function isEmpty(component: FormComponent, value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (component.type === 'checkbox' && value === false) ||
    (Array.isArray(value) && value.length === 0)
  );
}

function hasBound(validate: FormValidate, name: 'min' | 'max' | 'minLength' | 'maxLength'): boolean {
  const bound = validate[name];
  return bound !== undefined && bound !== null && bound !== '';
}

/** A static bound, or a FEEL one ('=…') evaluated against the context; undefined when it fails. */
function boundValue(bound: unknown, context: Record<string, unknown>): unknown {
  if (typeof bound !== 'string' || !isFeel(bound)) return bound;
  const result = evaluateFeel(bound, context);
  return result.ok ? result.value : undefined;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

/** The number field's own rules: decimal digits and increment, as the viewer checks them. */
function numberErrors(component: FormComponent, value: unknown): RuleError[] {
  if (value === null || value === undefined || value === '' || value === 0) return [];
  const number = value as number | string;
  const errors: RuleError[] = [];
  const digits = component.decimalDigits;
  if (typeof digits === 'number' && digits >= 0 && decimalPlaces(number) > digits) {
    errors.push(digits === 0 ? { code: 'integer' } : { code: 'decimalDigits', params: { digits } });
  }
  const step = component.increment;
  if (step !== undefined && step !== null && step !== '' && step !== 0) {
    const nearest = nearestMultiples(number, step);
    if (nearest) errors.push({ code: 'increment', params: nearest });
  }
  return errors;
}

/**
 * A choice (select, radio, checklist, taglist) must be one of the field's options: its static
 * `values`, the list under `valuesKey` in the context, or what `valuesExpression` yields. The
 * viewer only offers those; a value sent otherwise is refused rather than dropped.
 */
function optionErrors(
  component: FormComponent,
  value: unknown,
  context: Record<string, unknown>,
): RuleError[] {
  if (!['select', 'radio', 'checklist', 'taglist'].includes(component.type)) return [];
  const chosen = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  if (chosen.length === 0) return [];
  const options = optionValues(component, context);
  if (options === null) return [];
  return chosen.every((item) => options.some((option) => sameValue(option, item)))
    ? []
    : [{ code: 'options' }];
}

/** The option values of a choice field, or null when they cannot be known here. */
export function optionValues(component: FormComponent, context: Record<string, unknown>): unknown[] | null {
  let source: unknown;
  if (typeof component.valuesExpression === 'string' && component.valuesExpression !== '') {
    const result = evaluateFeel(component.valuesExpression, context);
    if (!result.ok) return null;
    source = result.value;
  } else if (typeof component.valuesKey === 'string' && component.valuesKey !== '') {
    source = context[component.valuesKey];
  } else {
    source = component.values;
  }
  if (!Array.isArray(source)) return component.values === source ? [] : null;
  return source.flatMap((option) => {
    if (option !== null && typeof option === 'object' && !Array.isArray(option)) {
      return 'value' in option ? [(option as { value: unknown }).value] : [];
    }
    return option === null || option === undefined ? [] : [option];
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const patterns = new Map<string, RegExp | null>();

/** The author's pattern matched against the whole value (the viewer's matches any part of it). */
function anchored(pattern: string): RegExp | null {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(`^(?:${pattern})$`);
    } catch {
      compiled = null;
    }
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** An address with a dotted domain (the WHATWG form of email, plus a dot). */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * A mainland Chinese mobile (13812345678), a Chinese landline with its area code (010-12345678),
 * or an international number with its country code (+8613812345678, 00441234567890). The
 * viewer's rule knows only the last, so it refuses what Chinese users type.
 */
const PHONES = [/^1[3-9]\d{9}$/, /^0\d{2,3}-?\d{7,8}$/, /^(?:\+|00)[1-9]\d{6,14}$/];

function isPhoneNumber(text: string): boolean {
  const compact = text.replace(/[\s()]/g, '');
  return PHONES.some((pattern) => pattern.test(compact));
}

function subtypeOf(component: FormComponent): 'date' | 'time' | 'datetime' {
  return component.subtype === 'time' || component.subtype === 'datetime' ? component.subtype : 'date';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:Z|[+-]\d{2}:\d{2})?$/;

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The value's shape for the datetime field's subtype (date is form-js's default). */
function isDateTimeValue(text: string, subtype: string | undefined): boolean {
  if (subtype === 'time') return TIME.test(text);
  if (subtype === 'datetime') {
    const [date, time, ...rest] = text.split('T');
    return rest.length === 0 && date !== undefined && time !== undefined && isDate(date) && TIME.test(time);
  }
  return isDate(text);
}
