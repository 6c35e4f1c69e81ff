/**
 * Fills `{name}` placeholders exactly as diagram-js's own translate service does
 * (diagram-js/lib/i18n/translate/translate.js): a falsy replacement leaves the placeholder as
 * it was, so callers that pass counts stringify them first (bpmn-js-bpmnlint does).
 */
export type Replacements = Readonly<Record<string, string | number | undefined>>;

export function fillTemplate(template: string, replacements: Replacements = {}): string {
  return template.replace(/{([^}]+)}/g, (placeholder, key: string) => {
    const value = replacements[key];
    return value ? String(value) : placeholder;
  });
}
