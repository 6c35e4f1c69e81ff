import { FORM_MESSAGE_CODES, type FormLanguage, formMessage, type MessageParams } from './messages';
import { checkFormSchema, type SchemaProblem } from './schema';

/** The params a message reads, found by rendering it with a params object that records reads. */
function paramsRead(code: (typeof FORM_MESSAGE_CODES)[number], language: FormLanguage): string[] {
  const read = new Set<string>();
  const params = new Proxy({} as MessageParams, {
    get: (_target, name) => {
      if (typeof name === 'string') read.add(name);
      return typeof name === 'string' ? `<${name}>` : undefined;
    },
  });
  formMessage(code, params, language);
  return [...read].sort();
}

/**
 * Words a Chinese message may keep in Latin letters: the names of the schema's own properties
 * (what a lead sees in form-js's JSON), standards and the product's name.
 */
const LATIN_TERMS = new Set([
  'form',
  'js',
  'JSON',
  'CarePath',
  'KiB',
  'U',
  'components',
  'type',
  'default',
  'key',
  'path',
  'validate',
  'pattern',
  'id',
  'forms',
  'proto',
  'constructor',
  'prototype',
]);

/** English left in `message` once the given data (ids, keys, types, places) is set aside. */
function englishIn(message: string, data: readonly string[]): string[] {
  let rest = message;
  for (const item of [...data].sort((a, b) => b.length - a.length)) {
    if (item !== '') rest = rest.split(item).join(' ');
  }
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((run) => !LATIN_TERMS.has(run));
}

/**
 * What the schema's author wrote, as a problem quotes it: every string param but V8's `reason`
 * (a list such as `known` item by item, a path such as `forms.<formId>` segment by segment).
 */
function dataOf(problem: { params: MessageParams }): string[] {
  return Object.entries(problem.params)
    .filter(([name, value]) => name !== 'reason' && typeof value === 'string')
    .flatMap(([, value]) => [String(value), ...String(value).split(/, |\./)]);
}

/** Schemas that between them make every problem checkFormSchema reports. */
const REFUSED: unknown[] = [
  'a string',
  [],
  { type: 'default' },
  { type: 'default', components: {} },
  { components: [] },
  { type: 'other', components: [] },
  {
    type: 'default',
    components: [
      42,
      { id: 'Name_1', type: 'textfield', key: 'name' },
      { id: 'Name_1', type: 'text', text: '说明' },
      { id: 'Other', type: 'number', key: 'name' },
      { id: 'NoType' },
      { id: 'Files', type: 'filepicker', key: 'files' },
      { id: 'List', type: 'dynamiclist', path: 'items' },
      { id: 'Sum', type: 'expression', key: 'sum' },
      { type: 'textarea' },
      { id: 'Bad.Key', type: 'textfield', key: 'a..b' },
      { id: 'G1', type: 'group', components: 'x' },
      { id: 'G2', type: 'group', path: 'a..b', components: [] },
      { id: 'G3', type: 'group', path: 'guardian', components: [{ id: 'Deep', type: 'mystery' }] },
      { id: 'V1', type: 'textfield', key: 'v1', validate: 'required' },
      { id: 'V2', type: 'textfield', key: 'v2', validate: { pattern: 7 } },
      ...['(', 'a)', '*a', '[a', '{1}', 'a{2,1}', '[z-a]', '\\', '(?<n>a)(?<n>b)', '\\k<x>(?<y>a)'].map(
        (pattern, index) => ({ id: `P${index}`, type: 'textfield', key: `p${index}`, validate: { pattern } }),
      ),
    ],
  },
];

/** The codes the api reports about a schema as a whole, with params as it passes them. */
const API_PARAMS = new Map<(typeof FORM_MESSAGE_CODES)[number], MessageParams>([
  ['schema.nul', {}],
  ['schema.nulInName', {}],
  ['schema.prototypeKey', {}],
  ['schema.tooDeep', { max: 32 }],
  ['schema.tooLarge', { max: 64 }],
  ['schema.tooLargeDetail', { path: 'schema', kib: 70, max: 64 }],
  ['schema.hostileDetail', { path: 'schema.properties.constructor', message: '不能有名为 …' }],
  ['schema.summary', { path: 'forms.risk-assessment', count: 2, list: '组件「A」：缺少 type' }],
  ['schema.at', { message: '不能含有空字符', path: 'components.0.label' }],
  ['schema.atRoot', { message: '不能含有空字符' }],
  ['schema.formId', { pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,99}$' }],
  ['schema.formIdDetail', { formId: 'camunda-forms:bpmn:x' }],
  ['schema.embeddedTaken', { formKey: 'camunda-forms:bpmn:Form_1' }],
  ['schema.embeddedSummary', { count: 1, list: 'Task_1：组件「A」：缺少 type' }],
]);

const PROBLEMS: SchemaProblem[] = REFUSED.flatMap((schema) => checkFormSchema(schema, 'zh-CN'));

describe('the form message catalogue', () => {
  it('words every code in Chinese and English, with the same params', () => {
    expect(FORM_MESSAGE_CODES.length).toBeGreaterThan(45);
    for (const code of FORM_MESSAGE_CODES) {
      const zh = formMessage(code, {}, 'zh-CN');
      const en = formMessage(code, {}, 'en');
      expect({ code, zh: zh.trim() !== '' && zh !== en, en: en.trim() !== '' }).toEqual({
        code,
        zh: true,
        en: true,
      });
      expect({ code, params: paramsRead(code, 'zh-CN') }).toEqual({ code, params: paramsRead(code, 'en') });
    }
  });

  it('words a schema problem in English as the api always has', () => {
    const [problem] = checkFormSchema({
      type: 'default',
      components: [{ id: 'Upload', type: 'filepicker', key: 'file' }],
    });
    expect(problem).toEqual({
      path: 'components[0]',
      componentId: 'Upload',
      code: 'schema.unsupportedType',
      params: { component: 'Upload', type: 'filepicker' },
      message:
        "Component 'Upload': Type 'filepicker' is not supported: CarePath cannot check its values on the server (docs/forms.md#components)",
    });
  });

  it('words a schema problem in Chinese, naming the component', () => {
    const [problem] = checkFormSchema(
      { type: 'default', components: [{ id: 'Upload', type: 'filepicker', key: 'file' }] },
      'zh-CN',
    );
    expect(problem?.message).toBe(
      '组件「Upload」：不支持 filepicker 类型的组件，CarePath 无法在服务器上校验它的取值',
    );
  });
});

describe('the problems of refused schemas, for a Chinese reader', () => {
  it('cover every code checkFormSchema reports', () => {
    const reported = new Set(PROBLEMS.map((problem) => problem.code));
    const schemaCodes = FORM_MESSAGE_CODES.filter(
      (code) =>
        code.startsWith('schema.') &&
        // the api's own checks of a schema (apps/api/src/forms/forms.service.ts), tested below
        !API_PARAMS.has(code),
    );
    expect([...reported].sort()).toEqual(schemaCodes.sort());
  });

  it.each(PROBLEMS.map((problem) => [`${problem.path} ${problem.code}`, problem] as const))(
    '%s: no English but what the schema holds',
    (_name, problem) => {
      expect(englishIn(problem.message, dataOf(problem))).toEqual([]);
    },
  );

  it('the check finds English left in a message', () => {
    const english = formMessage('schema.noKey', { component: 'Name_1' }, 'en');
    expect(englishIn(english, ['Name_1'])).toEqual([
      'Component',
      'Expected',
      'the',
      'variable',
      'the',
      'field',
      'writes',
    ]);
  });

  it('translates why a pattern does not compile', () => {
    const [problem] = checkFormSchema(
      {
        type: 'default',
        components: [{ id: 'Phone', type: 'textfield', key: 'phone', validate: { pattern: '(' } }],
      },
      'zh-CN',
    );
    expect(problem?.message).toBe('组件「Phone」：validate.pattern 须为有效的正则表达式（括号没有闭合）');
  });

  it.each([...API_PARAMS.keys()])('%s (an api check): no English but its data', (code) => {
    const params = API_PARAMS.get(code) ?? {};
    expect(englishIn(formMessage(code, params, 'zh-CN'), dataOf({ params }))).toEqual([]);
  });
});
