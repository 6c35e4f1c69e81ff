// The page of the browser parity test (test/browser/form-parity.e2e-spec.ts): the real form-js
// viewer, configured as the task page configures it (viewer-validation.ts), submitting one case.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js-viewer';
import {
  applyCarePathValidation,
  viewerErrorsByKey,
} from '../../../apps/web/src/workbench/forms/viewer-validation';
import type { FormLanguage } from '../../../libs/forms/src';

export interface ViewerAnswer {
  data: Record<string, unknown>;
  errors: Record<string, string[]>;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Imports the schema with the task's variables and the submitted data over them, then submits. */
async function submitInViewer(
  schema: Record<string, unknown>,
  data: Record<string, unknown>,
  context: Record<string, unknown>,
  language: FormLanguage,
): Promise<ViewerAnswer> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const form = new Form({ container });
  try {
    applyCarePathValidation(form, language);
    await form.importSchema(schema, { ...context, ...data });
    await nextFrame();
    const result = form.submit();
    return { data: result.data, errors: viewerErrorsByKey(form, result.errors) };
  } finally {
    form.destroy();
    container.remove();
  }
}

(window as unknown as { submitInViewer: typeof submitInViewer }).submitInViewer = submitInViewer;
document.body.dataset.ready = 'true';
