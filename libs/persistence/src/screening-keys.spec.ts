import { randomBytes } from 'node:crypto';
import { openForCase, sealForCase } from './field-crypto';
import { newScreeningKey, openScreeningKey } from './screening-keys';

const dataKey = randomBytes(32);
const screeningId = '9e4b2a1c-6d3f-4e80-a7b5-1c2d3e4f5a6b';

describe('screening keys', () => {
  it('wraps a key that opens again for its screening and seals answers no one reads in the clear', () => {
    // given
    const { key, wrapped } = newScreeningKey(dataKey, screeningId);
    const answers = { '1': 3, '9': 1 };
    // when
    const sealed = sealForCase(key, answers);
    const opened = openScreeningKey(dataKey, screeningId, key.id, wrapped);
    // then
    expect(sealed).toMatch(new RegExp(`^v2:${key.id}:`));
    expect(sealed).not.toContain('"9"');
    expect(opened.key.equals(key.key)).toBe(true);
    expect(openForCase(opened, sealed)).toEqual(answers);
  });

  it('does not open for another screening or another deployment key', () => {
    const { key, wrapped } = newScreeningKey(dataKey, screeningId);
    expect(() => openScreeningKey(dataKey, screeningId.replace('9e', '8e'), key.id, wrapped)).toThrow();
    expect(() => openScreeningKey(randomBytes(32), screeningId, key.id, wrapped)).toThrow();
  });
});
