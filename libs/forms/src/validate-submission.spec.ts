import { formMessage } from './messages';
import type { FormComponent, FormSchema } from './schema';
import { validateSubmission } from './validate-submission';

const form = (...components: FormComponent[]): FormSchema => ({ type: 'default', components });
const codes = (schema: FormSchema, data: Record<string, unknown>, context: Record<string, unknown> = {}) =>
  validateSubmission(schema, data, { context }).errors.map((e) => `${e.path}:${e.code}`);

describe('validateSubmission: the rules of the form-js viewer, anchored', () => {
  it('requires a value: nothing, "", an unchecked checkbox and an empty list are missing', () => {
    const schema = form(
      { type: 'textfield', key: 'a', validate: { required: true } },
      { type: 'checkbox', key: 'b', validate: { required: true } },
      { type: 'checklist', key: 'c', values: [{ value: 'x' }], validate: { required: true } },
      { type: 'number', key: 'd', validate: { required: true } },
    );
    expect(codes(schema, {})).toEqual(['a:required', 'b:required', 'c:required', 'd:required']);
    expect(codes(schema, { a: '', b: false, c: [], d: null })).toEqual([
      'a:required',
      'b:required',
      'c:required',
      'd:required',
    ]);
    expect(codes(schema, { a: 'x', b: true, c: ['x'], d: 0 })).toEqual([]);
  });

  it('counts lengths of the trimmed text, static or FEEL bounds', () => {
    const schema = form(
      { type: 'textarea', key: 'notes', validate: { minLength: 5, maxLength: 8 } },
      { type: 'textfield', key: 'code', validate: { minLength: '=need' } },
    );
    expect(codes(schema, { notes: '  abcd  ' })).toEqual(['notes:minLength']);
    expect(codes(schema, { notes: '评估记录很长很长很长' })).toEqual(['notes:maxLength']);
    expect(codes(schema, { notes: 'abcdef' })).toEqual([]);
    expect(codes(schema, { code: 'ab' }, { need: 3 })).toEqual(['code:minLength']);
    expect(codes(schema, { code: 'abc' }, { need: 3 })).toEqual([]);
    // an empty text is not checked for length (only `required` refuses it)
    expect(codes(schema, { notes: '' })).toEqual([]);
  });

  it('checks number ranges, static and FEEL, with the data over the context', () => {
    const schema = form(
      { type: 'number', key: 'score', validate: { min: 0, max: 27 } },
      { type: 'number', key: 'age', validate: { min: '=minimumAge' } },
    );
    expect(codes(schema, { score: -1 })).toEqual(['score:min']);
    expect(codes(schema, { score: 28 })).toEqual(['score:max']);
    expect(codes(schema, { score: 0 })).toEqual([]);
    expect(codes(schema, { age: 9 }, { minimumAge: 10 })).toEqual(['age:min']);
    expect(codes(schema, { age: 10 }, { minimumAge: 10 })).toEqual([]);
    // a bound that cannot be computed refuses, as the viewer does
    expect(codes(schema, { age: 10 })).toEqual(['age:boundInvalid']);
    expect(validateSubmission(schema, { score: 30 }, { language: 'zh-CN' }).errors[0]?.message).toBe(
      '不能大于 27',
    );
  });

  it('coerces numbers as the viewer does and refuses what is not a number', () => {
    const schema = form(
      { type: 'number', key: 'n' },
      { type: 'number', key: 's', serializeToString: true },
      { type: 'number', key: 'e' },
    );
    expect(validateSubmission(schema, { n: '12.5', s: 3, e: '' })).toEqual({
      data: { n: 12.5, s: '3', e: null },
      errors: [],
    });
    expect(codes(schema, { n: 'twelve' })).toEqual(['n:number']);
    expect(codes(schema, { n: true })).toEqual(['n:number']);
    expect(codes(schema, { n: 'NaN' })).toEqual(['n:number']);
  });

  it('checks decimal digits and increments exactly', () => {
    const schema = form(
      { type: 'number', key: 'whole', decimalDigits: 0 },
      { type: 'number', key: 'money', decimalDigits: 2 },
      { type: 'number', key: 'step', increment: '0.1' },
    );
    expect(codes(schema, { whole: 1.5, money: 1.234, step: 0.3 })).toEqual([
      'whole:integer',
      'money:decimalDigits',
    ]);
    const [error] = validateSubmission(schema, { step: 0.35 }).errors;
    expect(error).toMatchObject({ code: 'increment', message: expect.stringContaining('0.3 and 0.4') });
  });

  it('anchors patterns: the whole value must match (the viewer matches any part)', () => {
    const schema = form({ type: 'textfield', key: 'no', validate: { pattern: '[0-9]{4}' } });
    expect(codes(schema, { no: 'x1234y' })).toEqual(['no:pattern']);
    expect(codes(schema, { no: '12345' })).toEqual(['no:pattern']);
    expect(codes(schema, { no: '1234' })).toEqual([]);
    const alternatives = form({ type: 'textfield', key: 'g', validate: { pattern: 'a|b' } });
    expect(codes(alternatives, { g: 'ab' })).toEqual(['g:pattern']);
    expect(codes(alternatives, { g: 'b' })).toEqual([]);
  });

  it("shows the author's pattern message as written", () => {
    const schema = form({
      type: 'textfield',
      key: 'no',
      validate: { pattern: '\\d{8}', patternErrorMessage: '学号为 8 位数字' },
    });
    expect(validateSubmission(schema, { no: '123' }, { language: 'en' }).errors[0]?.message).toBe(
      '学号为 8 位数字',
    );
  });

  it('checks email addresses and phone numbers, Chinese ones included', () => {
    const schema = form(
      { type: 'textfield', key: 'mail', validate: { validationType: 'email' } },
      { type: 'textfield', key: 'tel', validate: { validationType: 'phone' } },
    );
    expect(codes(schema, { mail: 'wang@school.cn', tel: '13812345678' })).toEqual([]);
    for (const tel of ['+8613812345678', '010-12345678', '0755 12345678', '00441234567890']) {
      expect(codes(schema, { tel })).toEqual([]);
    }
    expect(codes(schema, { mail: 'wang@', tel: '12345' })).toEqual(['mail:email', 'tel:phone']);
    expect(codes(schema, { mail: 'a b@x.cn', tel: '23812345678' })).toEqual(['mail:email', 'tel:phone']);
  });

  it('takes choices only from the options: static, from a variable, or from FEEL', () => {
    const schema = form(
      {
        type: 'select',
        key: 'level',
        values: [
          { label: '高', value: 'high' },
          { label: '低', value: 'low' },
        ],
      },
      { type: 'radio', key: 'r', values: ['a', 'b'] },
      { type: 'checklist', key: 'c', valuesKey: 'choices' },
      { type: 'taglist', key: 't', valuesExpression: '=["x", "y"]' },
    );
    expect(
      codes(schema, { level: 'high', r: 'b', c: ['p'], t: ['x', 'y'] }, { choices: ['p', 'q'] }),
    ).toEqual([]);
    expect(codes(schema, { level: 'urgent', r: 'c', c: ['p', 'z'], t: ['w'] }, { choices: ['p'] })).toEqual([
      'level:options',
      'r:options',
      'c:options',
      't:options',
    ]);
  });

  it('drops fields hidden by a FEEL condition, and does not check them', () => {
    const schema = form(
      { type: 'checkbox', key: 'referred' },
      {
        type: 'textfield',
        key: 'hospital',
        conditional: { hide: '=referred != true' },
        validate: { required: true },
      },
    );
    expect(validateSubmission(schema, { referred: false, hospital: 'x' })).toEqual({
      data: { referred: false },
      errors: [],
    });
    expect(codes(schema, { referred: true })).toEqual(['hospital:required']);
    // the condition reads the task's variables under the data
    const byContext = form({ type: 'textfield', key: 'note', conditional: { hide: '=stage = "closed"' } });
    expect(validateSubmission(byContext, { note: 'x' }, { context: { stage: 'closed' } }).data).toEqual({});
    expect(validateSubmission(byContext, { note: 'x' }, { context: { stage: 'open' } }).data).toEqual({
      note: 'x',
    });
  });

  it('ignores a hide that is no FEEL or is blank; one yielding null hides, as the viewer’s unary test does', () => {
    const schema = form(
      { type: 'textfield', key: 'a', conditional: { hide: 'true' } },
      { type: 'textfield', key: 'b', conditional: { hide: '=' } },
      { type: 'textfield', key: 'c', conditional: { hide: '=missing.deep > 3' } },
    );
    // feelin's unary test compares a null result with the absent input: a match, so c is hidden
    expect(validateSubmission(schema, { a: '1', b: '2', c: '3' }).data).toEqual({ a: '1', b: '2' });
  });

  it('nests group paths and dotted keys, and hides a whole group', () => {
    const schema = form(
      { type: 'textfield', key: 'kind' },
      {
        type: 'group',
        id: 'g',
        path: 'guardian',
        conditional: { hide: '=kind = "self"' },
        components: [
          { type: 'textfield', key: 'name', validate: { required: true } },
          { type: 'textfield', key: 'phone.mobile', validate: { validationType: 'phone' } },
        ],
      },
    );
    expect(codes(schema, { kind: 'parent', guardian: { phone: { mobile: '1' } } })).toEqual([
      'guardian.name:required',
      'guardian.phone.mobile:phone',
    ]);
    expect(
      validateSubmission(schema, {
        kind: 'parent',
        guardian: { name: '王', phone: { mobile: '13812345678' } },
      }),
    ).toEqual({
      data: { kind: 'parent', guardian: { name: '王', phone: { mobile: '13812345678' } } },
      errors: [],
    });
    expect(validateSubmission(schema, { kind: 'self', guardian: { name: '' } })).toEqual({
      data: { kind: 'self' },
      errors: [],
    });
  });

  it('names keys that are not fields of the form', () => {
    const schema = form(
      { type: 'textfield', key: 'a' },
      { type: 'group', path: 'g', components: [{ type: 'textfield', key: 'b' }] },
    );
    expect(codes(schema, { a: 'x', extra: 1, g: { b: 'y', c: 2 } })).toEqual([
      'extra:unknownField',
      'g.c:unknownField',
    ]);
    expect(codes(schema, { g: 'flat' })).toEqual(['g:unknownField']);
  });

  it('drops disabled fields and keeps only what was sent', () => {
    const schema = form(
      { type: 'textfield', key: 'locked', disabled: true, validate: { required: true } },
      { type: 'textfield', key: 'open' },
      { type: 'textfield', key: 'unsent' },
      { type: 'text', text: '说明' },
    );
    expect(validateSubmission(schema, { locked: 'x', open: 'y' })).toEqual({
      data: { open: 'y' },
      errors: [],
    });
  });

  it('refuses values of the wrong type and stores null as the empty value', () => {
    const schema = form(
      { type: 'textfield', key: 't' },
      { type: 'checkbox', key: 'b' },
      { type: 'checklist', key: 'l', values: ['x'] },
      { type: 'datetime', key: 'd', subtype: 'date' },
    );
    expect(codes(schema, { t: 5, b: 'yes', l: 'x', d: 3 })).toEqual([
      't:text',
      'b:boolean',
      'l:list',
      'd:date',
    ]);
    expect(validateSubmission(schema, { t: null, b: null, l: null, d: null }).data).toEqual({
      t: '',
      b: false,
      l: [],
      d: null,
    });
    expect(validateSubmission(schema, { t: 'a\nb' }).data).toEqual({ t: 'a b' });
  });

  it('checks dates, times and date-times by subtype', () => {
    const schema = form(
      { type: 'datetime', key: 'd', subtype: 'date' },
      { type: 'datetime', key: 't', subtype: 'time' },
      { type: 'datetime', key: 'dt', subtype: 'datetime' },
    );
    expect(codes(schema, { d: '2026-02-28', t: '08:30', dt: '2026-02-28T08:30+08:00' })).toEqual([]);
    expect(codes(schema, { d: '2026-02-30', t: '25:00', dt: '2026-02-28' })).toEqual([
      'd:date',
      't:time',
      'dt:datetime',
    ]);
  });

  it('answers in Chinese or English', () => {
    const schema = form({ type: 'textfield', key: 'a', validate: { required: true } });
    expect(validateSubmission(schema, {}, { language: 'zh-CN' }).errors).toEqual([
      { path: 'a', code: 'required', message: '此项为必填项' },
    ]);
    expect(validateSubmission(schema, {}).errors[0]?.message).toBe('This field is required');
    expect(formMessage('minLength', { min: 10 }, 'zh-CN')).toBe('至少需要 10 个字符');
  });
});
