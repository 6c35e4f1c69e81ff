/**
 * The validation messages of forms, in the product's two languages. The api answers a rejected
 * completion with them and the browser's form viewer shows them (apps/web/src/workbench/forms/
 * viewer-validation.ts), so both say the same thing (docs/forms.md#languages).
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

export type MessageParams = Record<string, string | number>;

type Catalogue = Record<FormErrorCode, (params: MessageParams) => string>;

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
};

const CATALOGUES: Record<FormLanguage, Catalogue> = { 'zh-CN': zh, en };

/** The message of a validation error in the given language (English for any other). */
export function formMessage(
  code: FormErrorCode,
  params: MessageParams = {},
  language: FormLanguage = 'en',
): string {
  return (CATALOGUES[language] ?? en)[code](params);
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
