// The form-js viewer as CarePath shows a form: the editor's live preview and a task's form both
// mount it here, so both validate with the server's rules and messages (viewer-validation) and
// show a 400's field errors the same way (docs/forms-web.md).
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import type { ProblemError } from '../../api/http';
import type { WorkbenchLanguage } from '../translations';
import type { FormSchema } from './api';
import { applyCarePathValidation } from './viewer-validation';
import { translateFormViewer } from './viewer-strings';

export type { Form };

export interface MountedForm {
  form: Form;
  destroy(): void;
}

/** Renders `schema` with `data` into `container`, validating and labelled in `language`. */
export async function mountForm(
  container: HTMLElement,
  schema: FormSchema,
  data: Record<string, unknown>,
  language: WorkbenchLanguage,
): Promise<MountedForm> {
  const form = new Form({ container });
  applyCarePathValidation(form, language);
  // The viewer's own few words (a number field's step buttons, …) in the UI language.
  const untranslate = translateFormViewer(container, language);
  await form.importSchema(schema, data);
  return {
    form,
    destroy: () => {
      untranslate();
      form.destroy();
    },
  };
}

interface RegisteredField {
  id: string;
  key?: string;
  label?: string;
  type: string;
}

/**
 * The form's fields that hold a value, by their value path ('riskLevel', 'contact.email'):
 * what the server's `errors[].path` names.
 */
/** What the user has typed into a mounted form so far (kept across a remount). */
export const dataOf = (mounted: MountedForm): Record<string, unknown> =>
  (mounted.form._getState().data as Record<string, unknown> | null) ?? {};

export function fieldsByKey(form: Form): Map<string, RegisteredField> {
  const registry = form.get<{ getAll(): RegisteredField[] }>('formFieldRegistry');
  const paths = form.get<{ getValuePath(field: RegisteredField): string[] | undefined }>('pathRegistry');
  const byKey = new Map<string, RegisteredField>();
  for (const field of registry.getAll()) {
    if (!field.key) continue;
    byKey.set((paths.getValuePath(field) ?? [field.key]).join('.'), field);
  }
  return byKey;
}

/**
 * Puts a 400's field errors under their fields (the viewer's own error slot, cleared as soon as
 * the user edits the field) and returns those whose path names no field of this form, for a
 * summary.
 */
export function showServerErrors(form: Form, errors: readonly ProblemError[]): ProblemError[] {
  const byKey = fieldsByKey(form);
  const shown: Record<string, string[]> = {};
  const unmatched: ProblemError[] = [];
  for (const error of errors) {
    const field = error.path === undefined ? undefined : byKey.get(error.path);
    if (field) (shown[field.id] ??= []).push(error.message);
    else unmatched.push(error);
  }
  form._setState({ errors: shown });
  return unmatched;
}

/** How many fields the viewer's last validation found wrong. */
export function countErrors(errors: Record<string, unknown>): number {
  return Object.keys(errors).length;
}
