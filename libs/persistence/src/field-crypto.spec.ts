import { randomBytes } from 'node:crypto';
import {
  type CaseKey,
  decryptJson,
  encryptJson,
  openField,
  openForCase,
  sealedKeyId,
  sealForCase,
} from './field-crypto';

const caseKey = (): CaseKey => ({ id: randomBytes(8).toString('hex'), key: randomBytes(32) });

describe('field-crypto: v1 (deployment key) and v2 (case key) sealed values', () => {
  it('seals a value with a case key as v2:<key id>:<base64> and opens it with that key only', () => {
    const key = caseKey();
    const sealed = sealForCase(key, '她说不想活了');
    expect(sealed).toMatch(new RegExp(`^v2:${key.id}:[A-Za-z0-9+/]+={0,2}$`));
    expect(sealed).not.toContain('不想活');
    expect(sealedKeyId(sealed)).toBe(key.id);
    expect(openForCase(key, sealed)).toBe('她说不想活了');
    // any JSON value, and a fresh IV each time
    expect(openForCase(key, sealForCase(key, { a: [1, null, true] }))).toEqual({ a: [1, null, true] });
    expect(sealForCase(key, 'x')).not.toBe(sealForCase(key, 'x'));
    // another key, even one claiming the same id, does not open it
    expect(() => openForCase(caseKey(), sealed)).toThrow(/Not a value sealed with this case key/);
    expect(() => openForCase({ id: key.id, key: randomBytes(32) }, sealed)).toThrow();
  });

  it('authenticates the key id: a value relabelled with another id does not open', () => {
    const key = caseKey();
    const other = caseKey();
    const sealed = sealForCase(key, 'secret');
    const relabelled = sealed.replace(key.id, other.id);
    expect(() => openForCase({ id: other.id, key: key.key }, relabelled)).toThrow();
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => openForCase(key, flipped)).toThrow();
  });

  it('tells sealed values from anything else', () => {
    for (const value of [null, 42, 'v2:', 'v2:xyz:abc', 'v1:abcd', 'v2:0123456789abcdef', { v: 'v2:' }]) {
      expect(sealedKeyId(value)).toBeNull();
    }
    expect(sealedKeyId('v2:0123456789abcdef:QUJD')).toBe('0123456789abcdef');
  });

  it('openField dispatches on the prefix: v1 with the deployment key, v2 with the case key it names', () => {
    const dataKey = randomBytes(32);
    const key = caseKey();
    const keys = { dataKey, caseKeys: new Map([[key.id, key]]) };
    expect(openField(encryptJson(dataKey, { name: '张三' }), keys)).toEqual({ name: '张三' });
    expect(decryptJson(dataKey, encryptJson(dataKey, 'kept'))).toBe('kept');
    expect(openField(sealForCase(key, 'concern'), keys)).toBe('concern');
    // a destroyed (or foreign) case key: undefined, the caller reads it as purged
    expect(openField(sealForCase(caseKey(), 'concern'), keys)).toBeUndefined();
    expect(() => openField('v3:abc', keys)).toThrow(/Unknown encryption format/);
  });
});
