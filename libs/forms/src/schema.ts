/**
 * The parts of a form-js schema (1.23) that CarePath validates, and the walk over its fields
 * (docs/forms.md#components). Pure: no DOM, no Node, no database, so the api and the browser
 * load the same code.
 */
import { type FormLanguage, formMessage, type MessageParams, type SchemaProblemCode } from './messages';

/** Field types whose value the case receives, and what their value is. */
export const INPUT_TYPES = [
  'textfield',
  'textarea',
  'number',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
  'datetime',
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Containers whose children are validated; `path` nests their data. */
export const CONTAINER_TYPES = ['group'] as const;

/** Components that show something and hold no value: ignored by validation. */
export const DISPLAY_TYPES = [
  'text',
  'html',
  'image',
  'separator',
  'spacer',
  'button',
  'iframe',
  'table',
  'documentPreview',
] as const;

/**
 * Form-js types CarePath refuses at deploy: their values cannot be checked the way the viewer
 * checks them here (repeating lists, computed expression fields, file uploads).
 */
export const UNSUPPORTED_TYPES = ['dynamiclist', 'expression', 'filepicker'] as const;

export interface FormOption {
  value: unknown;
  label?: string;
}

export interface FormValidate {
  required?: boolean;
  min?: number | string;
  max?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  pattern?: string;
  patternErrorMessage?: string;
  validationType?: 'email' | 'phone' | string;
}

/** One component of a form-js schema, as far as validation reads it. */
export interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  /** A text component's markdown (display only). */
  text?: string;
  disabled?: boolean;
  components?: FormComponent[];
  conditional?: { hide?: string };
  validate?: FormValidate;
  values?: unknown[];
  valuesKey?: string;
  valuesExpression?: string;
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
  subtype?: 'date' | 'time' | 'datetime' | string;
}

export interface FormSchema {
  id?: string;
  type?: string;
  components: FormComponent[];
}

/** An input field, with where its value sits in the data and the containers around it. */
export interface FormField {
  component: FormComponent & { type: InputType; key: string };
  /** The value path: container paths then the key's segments ('contact.email'). */
  path: string[];
  /** The containers enclosing it, outermost first (their `conditional.hide` hides it too). */
  containers: FormComponent[];
}

export function isInputType(type: string): type is InputType {
  return (INPUT_TYPES as readonly string[]).includes(type);
}

function splitPath(text: string | undefined): string[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  return text.split('.').map((segment) => segment.trim());
}

/** Every input field of the schema, in form order, through groups. */
export function fieldsOf(schema: FormSchema): FormField[] {
  const fields: FormField[] = [];
  const visit = (components: FormComponent[], prefix: string[], containers: FormComponent[]): void => {
    for (const component of components) {
      if (typeof component !== 'object' || component === null) continue;
      if (isInputType(component.type) && typeof component.key === 'string') {
        fields.push({
          component: component as FormField['component'],
          path: [...prefix, ...splitPath(component.key)],
          containers,
        });
      } else if (Array.isArray(component.components)) {
        visit(component.components, [...prefix, ...splitPath(component.path)], [...containers, component]);
      }
    }
  };
  visit(Array.isArray(schema.components) ? schema.components : [], [], []);
  return fields;
}

/** A problem with a schema, naming the component (its id, else its key, else where it sits). */
export interface SchemaProblem {
  /** Where in the schema: `components[2].components[0]`. */
  path: string;
  componentId: string | null;
  /** What is wrong, as data (messages.ts): the api sends both, a client may word it itself. */
  code: SchemaProblemCode;
  params: MessageParams;
  /** `code` and `params` worded in the reader's language. */
  message: string;
}

/**
 * Checks a schema before it is stored: a JSON object with `components`; every component an
 * object of a type CarePath validates; every input field with a key, and no two fields writing
 * the same value path; ids unique; patterns that compile. Size and hostile JSON are the api's
 * checks (json-guard, variable limits). Problems are worded in `language` (docs/forms.md#refused-schemas).
 */
export function checkFormSchema(schema: unknown, language: FormLanguage = 'en'): SchemaProblem[] {
  const found = (
    path: string,
    componentId: string | null,
    code: SchemaProblemCode,
    params: MessageParams = {},
  ): SchemaProblem => ({ path, componentId, code, params, message: formMessage(code, params, language) });
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return [found('', null, 'schema.notObject')];
  }
  const { components, type } = schema as { components?: unknown; type?: unknown };
  if (!Array.isArray(components)) return [found('components', null, 'schema.componentsNotArray')];
  // The viewer renders only a root of type 'default' (it throws on any other).
  if (type !== 'default') return [found('type', null, 'schema.rootType')];
  const problems: SchemaProblem[] = [];
  const ids = new Map<string, string>();
  const valuePaths = new Map<string, string>();
  const visit = (list: unknown[], where: string, prefix: string[]): void => {
    list.forEach((item, index) => {
      const at = `${where}[${index}]`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        problems.push(found(at, null, 'schema.componentNotObject'));
        return;
      }
      const component = item as Record<string, unknown>;
      const id = typeof component.id === 'string' ? component.id : null;
      const name = id ?? (typeof component.key === 'string' ? component.key : at);
      const problem: ComponentProblem = (code, params = {}) => {
        problems.push(found(at, id, code, { component: name, ...params }));
      };
      if (id !== null) {
        const first = ids.get(id);
        if (first !== undefined) problem('schema.duplicateId', { first });
        else ids.set(id, at);
      }
      const type = component.type;
      if (typeof type !== 'string') return problem('schema.noType');
      if ((UNSUPPORTED_TYPES as readonly string[]).includes(type)) {
        return problem('schema.unsupportedType', { type });
      }
      if (isInputType(type)) {
        const key = component.key;
        if (typeof key !== 'string' || splitPath(key).some((segment) => segment === '')) {
          return problem('schema.noKey');
        }
        const path = [...prefix, ...splitPath(key)].join('.');
        const first = valuePaths.get(path);
        if (first !== undefined) problem('schema.duplicateKey', { first, path });
        else valuePaths.set(path, name);
        checkValidate(component.validate, problem);
        return;
      }
      if ((CONTAINER_TYPES as readonly string[]).includes(type)) {
        const nested = component.components;
        if (nested !== undefined && !Array.isArray(nested)) return problem('schema.groupComponents');
        const path = component.path;
        if (path !== undefined && path !== '' && (typeof path !== 'string' || splitPath(path).includes(''))) {
          return problem('schema.groupPath');
        }
        visit((nested as unknown[] | undefined) ?? [], `${at}.components`, [
          ...prefix,
          ...splitPath(path as string | undefined),
        ]);
        return;
      }
      if (!(DISPLAY_TYPES as readonly string[]).includes(type)) {
        problem('schema.unknownType', { type, known: [...INPUT_TYPES, 'group'].join(', ') });
      }
    });
  };
  visit(components, 'components', []);
  return problems;
}

/** Records a problem of the component being checked (its name is added as `component`). */
type ComponentProblem = (code: SchemaProblemCode, params?: MessageParams) => void;

function checkValidate(validate: unknown, problem: ComponentProblem): void {
  if (validate === undefined) return;
  if (typeof validate !== 'object' || validate === null) return problem('schema.validateNotObject');
  const { pattern } = validate as { pattern?: unknown };
  if (pattern === undefined || pattern === '') return;
  if (typeof pattern !== 'string') return problem('schema.patternNotString');
  try {
    new RegExp(pattern);
  } catch (error) {
    // V8's own words; the Chinese catalogue translates the common ones (messages.ts).
    problem('schema.patternInvalid', { reason: (error as Error).message });
  }
}
