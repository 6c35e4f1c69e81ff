import type { Form } from '@bpmn-io/form-js-viewer';
import { fieldErrors, type FormComponent, type FormLanguage } from '../../../../../libs/forms/src';

/**
 * Makes a form-js viewer check fields with CarePath's rules and messages (libs/forms), the same
 * the api applies when the task is completed (docs/forms.md#browser): anchored patterns, the
 * options rule, Chinese phone numbers, and messages in the UI's language instead of form-js's
 * English. The viewer still decides what is hidden and what it submits; a browser test
 * (test/browser/form-parity.e2e-spec.ts) holds the two sides to the same answers.
 *
 * Call it once after creating the Form, before importSchema.
 */
export function applyCarePathValidation(form: Form, language: FormLanguage): void {
  const validator = form.get<Validator>('validator');
  const registry = form.get<FieldRegistry>('formFieldRegistry');
  validator.validateFieldInstance = (fieldInstance, value) => {
    const field = registry.get(fieldInstance.id);
    if (!field) return [];
    return fieldErrors(field, value, expressionContext(fieldInstance.expressionContextInfo), language).map(
      (error) => error.message,
    );
  };
}

/**
 * The viewer's errors (keyed by component id, then repetition indexes) keyed instead by each
 * field's value path, as the api names fields in its 400 ('riskLevel', 'contact.email').
 */
export function viewerErrorsByKey(form: Form, errors: Record<string, unknown>): Record<string, string[]> {
  const registry = form.get<FieldRegistry>('formFieldRegistry');
  const paths = form.get<PathRegistry>('pathRegistry');
  const byKey: Record<string, string[]> = {};
  for (const [id, messages] of Object.entries(errors)) {
    const field = registry.get(id);
    if (!field || !Array.isArray(messages)) continue;
    const key = (paths.getValuePath(field) ?? [field.key ?? id]).join('.');
    byKey[key] = [...(byKey[key] ?? []), ...messages.map(String)];
  }
  return byKey;
}

/** What the viewer hands a field's rules: its data (the task's variables and the form's values). */
function expressionContext(info: ExpressionContextInfo | undefined): Record<string, unknown> {
  return { ...(info?.data ?? {}) };
}

/** The parts of form-js services used here (form-js types them loosely). */
interface FieldInstance {
  id: string;
  expressionContextInfo?: ExpressionContextInfo;
}
interface ExpressionContextInfo {
  data?: Record<string, unknown>;
}
interface Validator {
  validateFieldInstance(fieldInstance: FieldInstance, value: unknown): string[];
}
interface FieldRegistry {
  get(id: string): (FormComponent & { key?: string }) | undefined;
}
interface PathRegistry {
  getValuePath(field: FormComponent): string[] | undefined;
}
