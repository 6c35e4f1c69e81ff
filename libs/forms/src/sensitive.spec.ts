import { sensitiveKeys } from './sensitive';

describe('sensitiveKeys (the variables a form marks sensitive)', () => {
  it('names the top-level variables of fields marked sensitive: "true", and nothing else', () => {
    const schema = {
      type: 'default',
      components: [
        { type: 'select', key: 'riskLevel', values: [{ value: 'low' }] },
        { type: 'textarea', key: 'assessmentNotes', properties: { sensitive: 'true' } },
        { type: 'textfield', key: 'hospital', properties: { sensitive: 'false' } },
        { type: 'textfield', key: 'selfHarm', properties: { sensitive: true } },
        { type: 'textfield', key: 'contact.phone', properties: { sensitive: ' TRUE ' } },
        { type: 'text', text: '说明', properties: { sensitive: 'true' } },
      ],
    };
    expect(sensitiveKeys(schema)).toEqual(['assessmentNotes', 'contact', 'selfHarm']);
  });

  it('takes a marked group whole, under its path, and fields of an unmarked group by its path', () => {
    const schema = {
      components: [
        {
          type: 'group',
          path: 'family',
          properties: { sensitive: 'true' },
          components: [{ type: 'textfield', key: 'situation' }],
        },
        {
          type: 'group',
          components: [
            { type: 'textarea', key: 'diary', properties: { sensitive: 'true' } },
            { type: 'textfield', key: 'classroom' },
          ],
        },
        {
          type: 'group',
          path: 'guardian',
          components: [{ type: 'textfield', key: 'phone', properties: { sensitive: 'true' } }],
        },
        { type: 'group', properties: { sensitive: 'true' }, components: [{ type: 'textfield', key: 'b.c' }] },
      ],
    };
    expect(sensitiveKeys(schema)).toEqual(['b', 'diary', 'family', 'guardian']);
  });

  it('reads malformed or missing schemas as marking nothing', () => {
    for (const schema of [
      null,
      undefined,
      'form',
      42,
      {},
      { components: 'x' },
      { components: [null, 7, 'a'] },
    ]) {
      expect(sensitiveKeys(schema)).toEqual([]);
    }
  });
});
