// The start form of `crisis-care` (docs/pathway.md: start variables `source` and `concern`).
// A deployed diagram whose none start event links a form (zeebe:formDefinition formId) brings
// its own; the shipped one links none, so the app offers these two fields, checked by the same
// rules as every form (libs/forms through form-js's viewer).
import type { DefinitionDetail } from '../../api/types';
import type { Translate } from '../../i18n/i18n';
import type { FormSchema } from '../../workbench/forms/api';

export const CRISIS_CARE = 'crisis-care';

const SOURCES = ['teacher', 'peer', 'parent', 'self', 'other'] as const;

/** The form the diagram's none start event links, when it links one the deployment carries. */
export function linkedStartForm(definition: DefinitionDetail): FormSchema | null {
  const doc = new DOMParser().parseFromString(definition.xml, 'application/xml');
  const process = Array.from(doc.getElementsByTagNameNS('*', 'process')).find(
    (element) => element.getAttribute('id') === definition.key,
  );
  if (!process) return null;
  for (const start of Array.from(process.children)) {
    if (start.localName !== 'startEvent') continue;
    if (Array.from(start.children).some((child) => child.localName.endsWith('EventDefinition'))) continue;
    const link = start.getElementsByTagNameNS('*', 'formDefinition')[0];
    const formId = link?.getAttribute('formId');
    const schema = formId ? definition.forms[formId] : undefined;
    if (schema && typeof schema === 'object') return schema as FormSchema;
  }
  return null;
}

/** The app's start form: how the concern came to light, and what it is. */
export function defaultStartForm(t: Translate): FormSchema {
  return {
    type: 'default',
    id: 'raise-concern',
    components: [
      {
        type: 'select',
        id: 'source',
        key: 'source',
        label: t('concern.form.source'),
        defaultValue: 'teacher',
        values: SOURCES.map((value) => ({ value, label: t(`taskPage.source.${value}`) })),
        validate: { required: true },
      },
      {
        type: 'textarea',
        id: 'concern',
        key: 'concern',
        label: t('concern.form.concern'),
        description: t('concern.form.concernHint'),
        validate: { required: true, minLength: 5, maxLength: 2000 },
      },
    ],
  };
}
