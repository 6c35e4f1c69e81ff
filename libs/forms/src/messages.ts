/**
 * Every message of forms, in the product's two languages, by code: the validation messages of a
 * submission — the api answers a rejected completion with them and the browser's form viewer
 * shows them (apps/web/src/workbench/forms/viewer-validation.ts), so both say the same thing —
 * and the problems of a form schema the api refuses to store (schema.ts checkFormSchema,
 * apps/api/src/forms/forms.service.ts checkSchema). docs/forms.md#languages.
 */

export const FORM_LANGUAGES = ['zh-CN', 'en'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

export type FormErrorCode =
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'min'
  | 'max'
  | 'boundInvalid'
  | 'pattern'
  | 'email'
  | 'phone'
  | 'number'
  | 'integer'
  | 'decimalDigits'
  | 'increment'
  | 'options'
  | 'text'
  | 'boolean'
  | 'list'
  | 'date'
  | 'time'
  | 'datetime'
  | 'unknownField';

/**
 * Problems of a schema (docs/forms.md#refused-schemas). `component` is the component's id, key or
 * place; every other param is what the schema holds (a type, a key, a path) or a number.
 */
export type SchemaProblemCode =
  | 'schema.notObject'
  | 'schema.componentsNotArray'
  | 'schema.rootType'
  | 'schema.componentNotObject'
  | 'schema.duplicateId'
  | 'schema.noType'
  | 'schema.unsupportedType'
  | 'schema.noKey'
  | 'schema.duplicateKey'
  | 'schema.groupComponents'
  | 'schema.groupPath'
  | 'schema.unknownType'
  | 'schema.validateNotObject'
  | 'schema.patternNotString'
  | 'schema.patternInvalid'
  // the api's checks of a schema as JSON (apps/api/src/common/json-guard.ts, its size)
  | 'schema.nul'
  | 'schema.nulInName'
  | 'schema.prototypeKey'
  | 'schema.tooDeep'
  | 'schema.tooLarge'
  | 'schema.tooLargeDetail'
  | 'schema.hostileDetail'
  // where and how many: the 400's `detail` and the deploy's `forms`
  | 'schema.summary'
  | 'schema.at'
  | 'schema.atRoot'
  | 'schema.formId'
  | 'schema.formIdDetail'
  | 'schema.embeddedTaken'
  | 'schema.embeddedSummary';

export type FormMessageCode = FormErrorCode | SchemaProblemCode;

export type MessageParams = Record<string, string | number>;

type Catalogue = Record<FormMessageCode, (params: MessageParams) => string>;

/**
 * V8's reasons a pattern does not compile (`Invalid regular expression: /(/: Unterminated
 * group`), in Chinese; a reason not listed is shown as the engine wrote it.
 */
const REGEXP_REASONS_ZH: Record<string, string> = {
  'Unterminated group': '括号没有闭合',
  "Unmatched ')'": '多了一个右括号 )',
  'Nothing to repeat': '量词前没有可重复的内容',
  'Unterminated character class': '方括号 [ 没有闭合',
  'Lone quantifier brackets': '花括号 { } 单独出现',
  'Incomplete quantifier': '量词不完整',
  'numbers out of order in {} quantifier': '量词 {} 中的数字顺序颠倒',
  'Range out of order in character class': '方括号中的范围顺序颠倒',
  '\\ at end of pattern': '表达式以 \\ 结尾',
  'Invalid group': '分组写法无效',
  'Invalid escape': '转义写法无效',
  'Invalid capture group name': '捕获组名称无效',
  'Duplicate capture group name': '捕获组名称重复',
  'Invalid named reference': '命名引用无效',
  'Invalid named capture referenced': '引用了不存在的命名捕获组',
};

/** A pattern's compile error in Chinese: V8's reason, after `/<pattern>/: `, translated if known. */
function regexpReasonZh(reason: string): string {
  const tail = /\/[a-z]*: ([^/]*)$/.exec(reason)?.[1] ?? reason;
  return REGEXP_REASONS_ZH[tail] ?? tail;
}

/**
 * Which form a summary is about, for a Chinese reader: the request's own form says nothing more
 * (`schema` is a field of the JSON, not a word), a deploy's `forms.<formId>` gives its id.
 */
function formNameZh(path: unknown): string {
  const text = String(path);
  if (text === 'schema') return '';
  return `「${text.startsWith('forms.') ? text.slice('forms.'.length) : text}」`;
}

const zhSchema: Record<SchemaProblemCode, (params: MessageParams) => string> = {
  'schema.notObject': () => '表单须为 form-js 表单结构：一个 JSON 对象',
  'schema.componentsNotArray': () => '表单的 components 须为数组',
  'schema.rootType': () => "表单结构的根须为 type: 'default'",
  'schema.componentNotObject': () => '每个组件须为一个 JSON 对象',
  'schema.duplicateId': (p) => `组件「${p.component}」：id 与 ${p.first} 重复，须唯一`,
  'schema.noType': (p) => `组件「${p.component}」：缺少 type`,
  'schema.unsupportedType': (p) =>
    `组件「${p.component}」：不支持 ${p.type} 类型的组件，CarePath 无法在服务器上校验它的取值`,
  'schema.noKey': (p) => `组件「${p.component}」：缺少 key（该字段写入的变量名）`,
  'schema.duplicateKey': (p) => `组件「${p.component}」：key 须唯一，${p.first} 也写入「${p.path}」`,
  'schema.groupComponents': (p) => `组件「${p.component}」：components 须为数组`,
  'schema.groupPath': (p) => `组件「${p.component}」：path 须为用点号分隔的名称`,
  'schema.unknownType': (p) =>
    `组件「${p.component}」：未知的组件类型 ${p.type}，CarePath 可校验的类型为 ${String(p.known).split(', ').join('、')}`,
  'schema.validateNotObject': (p) => `组件「${p.component}」：validate 须为对象`,
  'schema.patternNotString': (p) => `组件「${p.component}」：validate.pattern 须为字符串`,
  'schema.patternInvalid': (p) =>
    `组件「${p.component}」：validate.pattern 须为有效的正则表达式（${regexpReasonZh(String(p.reason))}）`,
  'schema.nul': () => '不能含有空字符（U+0000）：无法保存',
  'schema.nulInName': () => '名称中不能含有空字符（U+0000）：无法保存',
  'schema.prototypeKey': () => '不能有名为 __proto__、constructor 或 prototype 的属性',
  'schema.tooDeep': (p) => `对象和数组最多嵌套 ${p.max} 层`,
  'schema.tooLarge': (p) => `序列化为 JSON 后不能超过 ${p.max} KiB`,
  'schema.tooLargeDetail': (p) =>
    `表单${formNameZh(p.path)}序列化为 JSON 后为 ${p.kib} KiB，表单最多 ${p.max} KiB`,
  'schema.hostileDetail': (p) => `表单无效：${p.path}：${p.message}`,
  'schema.summary': (p) => `表单${formNameZh(p.path)}有 ${p.count} 个问题：${p.list}`,
  'schema.at': (p) => `${p.message}（位置：${p.path}）`,
  'schema.atRoot': (p) => `${p.message}（位置：根）`,
  'schema.formId': (p) => `表单 id 须匹配 ${p.pattern}`,
  'schema.formIdDetail': (p) => `forms 中的「${p.formId}」不是有效的表单 id`,
  'schema.embeddedTaken': (p) => `forms 中不能有「${p.formKey}」：流程图已内嵌该表单`,
  'schema.embeddedSummary': (p) => `流程图内嵌的表单有 ${p.count} 个问题：${p.list}`,
};

const enSchema: Record<SchemaProblemCode, (params: MessageParams) => string> = {
  'schema.notObject': () => 'Expected a form-js schema: a JSON object',
  'schema.componentsNotArray': () => 'Expected `components`: an array',
  'schema.rootType': () => "Expected `type: 'default'` at the root of a form-js schema",
  'schema.componentNotObject': () => 'Expected a component: a JSON object',
  'schema.duplicateId': (p) => `Component '${p.component}': Expected a unique id; ${p.first} has the same id`,
  'schema.noType': (p) => `Component '${p.component}': Expected a \`type\``,
  'schema.unsupportedType': (p) =>
    `Component '${p.component}': Type '${p.type}' is not supported: CarePath cannot check its values on the server (docs/forms.md#components)`,
  'schema.noKey': (p) => `Component '${p.component}': Expected a \`key\` (the variable the field writes)`,
  'schema.duplicateKey': (p) =>
    `Component '${p.component}': Expected a unique key; ${p.first} also writes '${p.path}'`,
  'schema.groupComponents': (p) => `Component '${p.component}': Expected \`components\`: an array`,
  'schema.groupPath': (p) => `Component '${p.component}': Expected \`path\` to be dot-separated names`,
  'schema.unknownType': (p) =>
    `Component '${p.component}': Type '${p.type}' is unknown: CarePath validates ${p.known}`,
  'schema.validateNotObject': (p) => `Component '${p.component}': Expected \`validate\` to be an object`,
  'schema.patternNotString': (p) =>
    `Component '${p.component}': Expected \`validate.pattern\` to be a string`,
  'schema.patternInvalid': (p) =>
    `Component '${p.component}': Expected \`validate.pattern\` to be a regular expression: ${p.reason}`,
  'schema.nul': () => 'Expected no NUL character (U+0000): it cannot be stored',
  'schema.nulInName': () => 'Expected no NUL character (U+0000): it cannot be stored (in the name)',
  'schema.prototypeKey': () => 'Expected no field named __proto__, constructor or prototype',
  'schema.tooDeep': (p) => `Expected objects and arrays nested at most ${p.max} levels deep`,
  'schema.tooLarge': (p) => `Expected at most ${p.max} KiB (serialized JSON)`,
  'schema.tooLargeDetail': (p) =>
    `The form ${p.path} is ${p.kib} KiB as JSON; a form may be at most ${p.max} KiB`,
  'schema.hostileDetail': (p) => `Invalid form: ${p.path}: ${p.message}`,
  'schema.summary': (p) => `The form ${p.path} has ${p.count} problem(s): ${p.list}`,
  'schema.at': (p) => `${p.message} (at ${p.path})`,
  'schema.atRoot': (p) => `${p.message} (at its root)`,
  'schema.formId': (p) => `Expected a form id matching ${p.pattern}`,
  'schema.formIdDetail': (p) => `'${p.formId}' in \`forms\` is not a form id`,
  'schema.embeddedTaken': (p) =>
    `Expected no deployed form under '${p.formKey}': the diagram embeds that form`,
  'schema.embeddedSummary': (p) => `The diagram's embedded forms have ${p.count} problem(s): ${p.list}`,
};

const zh: Catalogue = {
  required: () => '此项为必填项',
  minLength: (p) => `至少需要 ${p.min} 个字符`,
  maxLength: (p) => `最多 ${p.max} 个字符`,
  min: (p) => `不能小于 ${p.min}`,
  max: (p) => `不能大于 ${p.max}`,
  boundInvalid: () => '无法计算此项的取值范围（表单配置有误，请联系表单设计者）',
  pattern: (p) => `格式不正确（应匹配 ${p.pattern}）`,
  email: () => '请输入有效的电子邮箱地址',
  phone: () => '请输入有效的电话号码（如 13812345678、010-12345678 或 +8613812345678）',
  number: () => '请输入数字',
  integer: () => '请输入整数',
  decimalDigits: (p) => `最多保留 ${p.digits} 位小数`,
  increment: (p) => `请输入有效的值，最接近的两个有效值为 ${p.previous} 和 ${p.next}`,
  options: () => '请从给定选项中选择',
  text: () => '请输入文本',
  boolean: () => '应为是或否',
  list: () => '应为选项列表',
  date: () => '请输入有效的日期（YYYY-MM-DD）',
  time: () => '请输入有效的时间（HH:mm）',
  datetime: () => '请输入有效的日期时间（YYYY-MM-DDTHH:mm）',
  unknownField: () => '表单中没有此字段',
  ...zhSchema,
};

const en: Catalogue = {
  required: () => 'This field is required',
  minLength: (p) => `Must have at least ${p.min} characters`,
  maxLength: (p) => `Must have at most ${p.max} characters`,
  min: (p) => `Must be at least ${p.min}`,
  max: (p) => `Must be at most ${p.max}`,
  boundInvalid: () =>
    "The allowed range of this field cannot be computed (the form is misconfigured: ask the form's author)",
  pattern: (p) => `Must match the pattern ${p.pattern}`,
  email: () => 'Must be a valid email address',
  phone: () => 'Must be a valid phone number (e.g. 13812345678, 010-12345678 or +8613812345678)',
  number: () => 'Must be a number',
  integer: () => 'Must be a whole number',
  decimalDigits: (p) => `Must have at most ${p.digits} decimal digit${p.digits === 1 ? '' : 's'}`,
  increment: (p) => `Must be a valid value; the two nearest valid values are ${p.previous} and ${p.next}`,
  options: () => 'Must be one of the options',
  text: () => 'Must be text',
  boolean: () => 'Must be true or false',
  list: () => 'Must be a list of options',
  date: () => 'Must be a valid date (YYYY-MM-DD)',
  time: () => 'Must be a valid time (HH:mm)',
  datetime: () => 'Must be a valid date and time (YYYY-MM-DDTHH:mm)',
  unknownField: () => 'Not a field of this form',
  ...enSchema,
};

const CATALOGUES: Record<FormLanguage, Catalogue> = { 'zh-CN': zh, en };

/** The message of a validation error in the given language (English for any other). */
export function formMessage(
  code: FormMessageCode,
  params: MessageParams = {},
  language: FormLanguage = 'en',
): string {
  return (CATALOGUES[language] ?? en)[code](params);
}

/** The codes of the catalogue, for its tests. */
export const FORM_MESSAGE_CODES = Object.keys(en) as FormMessageCode[];

/** Items of a problem list joined as the language punctuates them (`a; b`, `a；b`). */
export function joinProblems(items: readonly string[], language: FormLanguage = 'en'): string {
  return items.join(language === 'zh-CN' ? '；' : '; ');
}

/** Whether a string names one of the form languages. */
export function isFormLanguage(value: unknown): value is FormLanguage {
  return (FORM_LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The one-line summary of a refused submission, naming each field with its first message
 * (`riskLevel: This field is required; …`), for a problem's `detail`.
 */
export function submissionSummary(
  errors: readonly { path: string; message: string }[],
  language: FormLanguage = 'en',
): string {
  const firstByPath = new Map<string, string>();
  for (const { path, message } of errors) if (!firstByPath.has(path)) firstByPath.set(path, message);
  const fields = [...firstByPath].map(([path, message]) =>
    language === 'zh-CN' ? `${path}（${message}）` : `${path}: ${message}`,
  );
  return language === 'zh-CN'
    ? `表单未通过校验：${fields.join('；')}`
    : `The form rejects the data: ${fields.join('; ')}`;
}
