// PLACEHOLDER until branch forms-server lands: it owns this file (the viewer's validation with the
// server's rules and messages). Kept to the shape forms-web calls; replaced wholesale at merge.
import type { Form } from '@bpmn-io/form-js-viewer';

export function configureViewerValidation(form: Form, language: string): void {
  void form;
  void language;
}
