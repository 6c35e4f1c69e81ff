/**
 * Job-worker user tasks, as Camunda Modeler wrote them before Camunda 8.6: the form's JSON sits
 * in the process, in `<zeebe:userTaskForm id="…">`, and the task links it with
 * `<zeebe:formDefinition formKey="camunda-forms:bpmn:<that id>" />`
 * (docs/bpmn-elements.md#job-worker-user-tasks). Any other formKey names a form kept outside.
 */
export const EMBEDDED_FORM_KEY_PREFIX = 'camunda-forms:bpmn:';

/** The form id an embedded-form key names, or undefined for a custom key. */
export function embeddedFormIdOf(formKey: string): string | undefined {
  return formKey.startsWith(EMBEDDED_FORM_KEY_PREFIX)
    ? formKey.slice(EMBEDDED_FORM_KEY_PREFIX.length)
    : undefined;
}
