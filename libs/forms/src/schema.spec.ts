import { checkFormSchema, fieldsOf } from './schema';

describe('form schemas CarePath can validate against', () => {
  it('takes a form-js schema with keyed inputs, groups and display components', () => {
    const schema = {
      type: 'default',
      components: [
        { id: 'Text_1', type: 'text', text: '说明' },
        { id: 'a', type: 'textfield', key: 'a', validate: { pattern: '\\d+' } },
        { id: 'g', type: 'group', path: 'guardian', components: [{ id: 'b', type: 'textfield', key: 'a' }] },
        { type: 'number', key: 'no.id' },
      ],
    };
    expect(checkFormSchema(schema)).toEqual([]);
    expect(fieldsOf(schema).map((field) => field.path.join('.'))).toEqual(['a', 'guardian.a', 'no.id']);
  });

  it('names what it refuses by component id, else key, else place', () => {
    const problems = checkFormSchema({
      type: 'default',
      components: [
        { id: 'A', type: 'textfield', key: 'x' },
        { id: 'B', type: 'number', key: 'x' },
        { id: 'A', type: 'text' },
        { type: 'textarea' },
        { id: 'L', type: 'dynamiclist', path: 'items' },
        { id: 'U', type: 'mystery' },
        { id: 'P', type: 'textfield', key: 'p', validate: { pattern: '(' } },
        'not an object',
      ],
    });
    expect(problems.map((p) => [p.path, p.componentId, p.message])).toEqual([
      ['components[1]', 'B', expect.stringContaining("'B': Expected a unique key; A also writes 'x'")],
      ['components[2]', 'A', expect.stringContaining("'A': Expected a unique id")],
      ['components[3]', null, expect.stringContaining("'components[3]': Expected a `key`")],
      ['components[4]', 'L', expect.stringContaining("Type 'dynamiclist' is not supported")],
      ['components[5]', 'U', expect.stringContaining("Type 'mystery' is unknown")],
      [
        'components[6]',
        'P',
        expect.stringContaining('Expected `validate.pattern` to be a regular expression'),
      ],
      ['components[7]', null, 'Expected a component: a JSON object'],
    ]);
  });

  it('refuses what is not a form-js schema', () => {
    expect(checkFormSchema([])[0]?.message).toContain('JSON object');
    expect(checkFormSchema({ type: 'default' })[0]?.path).toBe('components');
    expect(checkFormSchema({ components: [] })[0]?.path).toBe('type');
  });
});
