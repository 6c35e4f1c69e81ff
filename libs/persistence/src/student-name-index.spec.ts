import { randomBytes } from 'node:crypto';
import { normaliseStudentName, studentNameIndex } from './student-name-index';

describe('the blind index of a student name', () => {
  const key = randomBytes(32);

  it('is the same for spellings of one name: spaces anywhere, full-width letters, case', () => {
    expect(normaliseStudentName(' 欧阳 小明 ')).toBe('欧阳小明');
    expect(normaliseStudentName('Ｌｉ　Ｍｉｎｇ')).toBe('liming');
    expect(studentNameIndex(key, 'Li Ming')).toBe(studentNameIndex(key, 'ＬＩＭＩＮＧ'));
  });

  it('differs between names, and between keys, and does not contain the name', () => {
    const index = studentNameIndex(key, '王小明');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).not.toBe(studentNameIndex(key, '王小红'));
    expect(index).not.toBe(studentNameIndex(randomBytes(32), '王小明'));
  });
});
