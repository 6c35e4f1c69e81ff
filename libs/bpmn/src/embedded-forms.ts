import { embeddedFormIdOf } from './form-keys';
import type { ProcessModel } from './model';
import { extensionsOf, stringProp, type ModdleElement } from './moddle';
import { problem, type ProblemText } from './problem-messages';
import type { Report } from './report';
import { clip } from './text';

/** The process an element belongs to (moddle links each element to its `$parent`). */
export function processOf(element: ModdleElement): ModdleElement | undefined {
  for (let current: unknown = element; current; current = (current as ModdleElement).$parent) {
    if ((current as ModdleElement).$type === 'bpmn:Process') return current as ModdleElement;
  }
  return undefined;
}

/** The zeebe:userTaskForm elements of a process, by id (the first of an id wins; duplicates are reported). */
export function userTaskFormsOf(process: ModdleElement): Map<string, ModdleElement> {
  const forms = new Map<string, ModdleElement>();
  for (const extension of extensionsOf(process)) {
    const id = extension.$type === 'zeebe:UserTaskForm' ? stringProp(extension, 'id') : undefined;
    if (id !== undefined && !forms.has(id)) forms.set(id, extension);
  }
  return forms;
}

/** The form JSON of an embedded form, or why it is not a form-js schema. */
function parseForm(form: ModdleElement): { schema: Record<string, unknown> } | { problem: ProblemText } {
  const body = stringProp(form, 'body') ?? '';
  let schema: unknown;
  try {
    schema = JSON.parse(body);
  } catch (error) {
    // The JSON parser's own words stay a quoted detail.
    const detail = clip(error instanceof Error ? error.message : String(error), 120);
    return { problem: problem('form.jsonUnparsable', { detail }) };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { problem: problem('form.jsonNotObject') };
  }
  return { schema: schema as Record<string, unknown> };
}

/** Every zeebe:userTaskForm has an id of its own and a form-js schema (a JSON object) as its text. */
export function checkEmbeddedForms(process: ModdleElement, report: Report): void {
  const seen = new Set<string>();
  for (const extension of extensionsOf(process)) {
    if (extension.$type !== 'zeebe:UserTaskForm') continue;
    const id = stringProp(extension, 'id');
    // The form is reported under its own id: it is the element the author has to fix.
    const at: ModdleElement = { ...extension, id: id ?? process.id ?? '' };
    if (id === undefined || id.trim() === '') {
      report(at, problem('form.noId', { process: process.id ?? '' }));
      continue;
    }
    if (seen.has(id)) {
      report(at, problem('form.duplicateId', { process: process.id ?? '', id: clip(id) }));
      continue;
    }
    seen.add(id);
    const parsed = parseForm(extension);
    if ('problem' in parsed) report(at, problem('form.notSchema', { id: clip(id), reason: parsed.problem }));
  }
}

/**
 * The embedded forms the model's user tasks link, by their formKey: what the deploy stores with
 * the definition's forms, so the task shows its form and completion is checked as for formId.
 */
export function embeddedFormsOf(process: ModdleElement, model: ProcessModel): Record<string, unknown> {
  const forms = userTaskFormsOf(process);
  const linked: Record<string, unknown> = {};
  for (const element of Object.values(model.elements)) {
    if (element.type !== 'userTask' || element.formKey === undefined) continue;
    const id = embeddedFormIdOf(element.formKey);
    const form = id === undefined ? undefined : forms.get(id);
    const parsed = form && parseForm(form);
    if (parsed && 'schema' in parsed) linked[element.formKey] = parsed.schema;
  }
  return linked;
}
