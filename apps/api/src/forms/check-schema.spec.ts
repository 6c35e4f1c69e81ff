import { ProblemException } from '../common/problem.filter';
import { checkSchema, MAX_FORM_SCHEMA_BYTES } from './forms.service';

/** What checkSchema throws: status, detail and errors, as the problem filter sends them. */
function refusal(schema: unknown, language: 'zh-CN' | 'en', path = 'schema') {
  try {
    checkSchema(schema, path, language);
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.getStatus(), detail: error.message, errors: error.errors };
  }
  throw new Error('checkSchema took the schema');
}

const withTitle = (title: string) => ({
  type: 'default',
  components: [{ id: 'Note_1', type: 'textarea', key: 'note', label: title }],
});

describe("a refused schema, in the caller's language", () => {
  it('takes a schema CarePath can check', () => {
    expect(() => checkSchema(withTitle('说明'), 'schema', 'zh-CN')).not.toThrow();
  });

  it('sizes: 413 with the size in KiB', () => {
    const huge = withTitle('x'.repeat(MAX_FORM_SCHEMA_BYTES));
    const max = MAX_FORM_SCHEMA_BYTES / 1024;
    expect(refusal(huge, 'zh-CN')).toEqual({
      status: 413,
      detail: expect.stringMatching(new RegExp(`^表单序列化为 JSON 后为 \\d+ KiB，表单最多 ${max} KiB$`)),
      errors: [
        {
          path: 'schema',
          code: 'schema.tooLarge',
          params: { max },
          message: `序列化为 JSON 后不能超过 ${max} KiB`,
        },
      ],
    });
    expect(refusal(huge, 'en', 'forms.big')).toMatchObject({
      status: 413,
      detail: expect.stringMatching(
        new RegExp(`^The form forms.big is \\d+ KiB as JSON; a form may be at most ${max} KiB$`),
      ),
      errors: [{ message: `Expected at most ${max} KiB (serialized JSON)` }],
    });
  });

  it('hostile JSON: a NUL character, named by where it is', () => {
    const nul = withTitle('a\u0000b');
    expect(refusal(nul, 'zh-CN')).toEqual({
      status: 400,
      detail: '表单无效：schema.components.0.label：不能含有空字符（U+0000）：无法保存',
      errors: [
        {
          path: 'schema.components.0.label',
          code: 'schema.nul',
          params: {},
          message: '不能含有空字符（U+0000）：无法保存',
        },
      ],
    });
    expect(refusal(nul, 'en').detail).toBe(
      'Invalid form: schema.components.0.label: Expected no NUL character (U+0000): it cannot be stored',
    );
  });

  it('problems of the schema: each with its code, the detail listing them', () => {
    const schema = {
      type: 'default',
      components: [{ id: 'A', type: 'textfield' }, { id: 'B' }],
    };
    expect(refusal(schema, 'zh-CN', 'forms.intake')).toEqual({
      status: 400,
      detail: '表单「intake」有 2 个问题：组件「A」：缺少 key（该字段写入的变量名）；组件「B」：缺少 type',
      errors: [
        {
          path: 'forms.intake.components[0]',
          componentId: 'A',
          code: 'schema.noKey',
          params: { component: 'A' },
          message: '组件「A」：缺少 key（该字段写入的变量名）',
        },
        {
          path: 'forms.intake.components[1]',
          componentId: 'B',
          code: 'schema.noType',
          params: { component: 'B' },
          message: '组件「B」：缺少 type',
        },
      ],
    });
    expect(refusal(schema, 'en').detail).toBe(
      "The form schema has 2 problem(s): Component 'A': Expected a `key` (the variable the field writes); Component 'B': Expected a `type`",
    );
  });
});
