import type { Translate } from '../i18n/i18n';
import { formFieldKeys, formatValue, parseValue, readJson, readRows, rowsFrom } from './variablesDraft';

const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('variables draft', () => {
  it('reads row values as JSON when they parse, as text otherwise', () => {
    expect(parseValue('true')).toBe(true);
    expect(parseValue(' 3 ')).toBe(3);
    expect(parseValue('"x"')).toBe('x');
    expect(parseValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseValue('low')).toBe('low');
    expect(parseValue('')).toBe('');
  });

  it('shows values so that reading them back gives the same value', () => {
    for (const value of ['low', '3', 'true', 3, true, null, { a: [1] }]) {
      expect(parseValue(formatValue(value))).toEqual(value);
    }
  });

  it('builds the variables from rows, skipping blank rows', () => {
    const result = readRows(
      [
        { key: ' riskLevel ', value: 'low' },
        { key: '', value: '' },
        { key: 'score', value: '12' },
      ],
      t,
    );
    expect(result).toEqual({ ok: true, variables: { riskLevel: 'low', score: 12 } });
  });

  it('rejects duplicate names and values without a name', () => {
    expect(
      readRows(
        [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
        t,
      ),
    ).toEqual({ ok: false, error: 'vars.duplicateKey {"key":"a"}' });
    expect(readRows([{ key: '', value: '1' }], t)).toEqual({ ok: false, error: 'vars.emptyKey' });
  });

  it('accepts only a JSON object in the textarea', () => {
    expect(readJson('{"a": 1}', t)).toEqual({ ok: true, variables: { a: 1 } });
    expect(readJson('  ', t)).toEqual({ ok: true, variables: {} });
    expect(readJson('[1]', t)).toEqual({ ok: false, error: 'vars.notObject' });
    expect(readJson('{', t).ok).toBe(false);
  });

  it('turns variables into rows and back', () => {
    const variables = { a: 'text', b: 2, c: { d: true } };
    expect(readRows(rowsFrom(variables), t)).toEqual({ ok: true, variables });
    expect(rowsFrom({})).toEqual([{ key: '', value: '' }]);
  });

  it('lists the input keys of a nested form-js schema once each', () => {
    const form = {
      components: [
        { type: 'text', text: 'intro' },
        { type: 'select', key: 'riskLevel' },
        { type: 'group', components: [{ type: 'textfield', key: 'notes' }, { key: 'riskLevel' }] },
      ],
    };
    expect(formFieldKeys(form)).toEqual(['riskLevel', 'notes']);
    expect(formFieldKeys(undefined)).toEqual([]);
  });
});
