// What scripts/deploy-processes.mjs sends for each shipped diagram (docs/forms.md#shipped-forms),
// shared with the e2e test that proves every shipped form is checked on the server
// (test/e2e/shipped-forms.e2e-spec.ts), so the test deploys exactly what `./scripts/up` does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.form` in `<root>/forms`, keyed by its schema's `id` (a form without one is an error). */
export function shippedForms(root) {
  const dir = join(root, 'forms');
  if (!existsSync(dir)) return {};
  const forms = {};
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.form'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    if (typeof schema.id !== 'string' || schema.id === '')
      throw new Error(`processes/forms/${name} has no "id"`);
    if (forms[schema.id]) throw new Error(`processes/forms/${name}: another form has the id "${schema.id}"`);
    forms[schema.id] = schema;
  }
  return forms;
}

/** One POST /api/definitions body per `*.bpmn` in `root`, in name order: its XML and all shipped forms. */
export function shippedDeployments(root) {
  const forms = shippedForms(root);
  return readdirSync(root)
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((file) => ({
      file,
      body: {
        xml: readFileSync(join(root, file), 'utf8'),
        ...(Object.keys(forms).length > 0 ? { forms } : {}),
      },
    }));
}
