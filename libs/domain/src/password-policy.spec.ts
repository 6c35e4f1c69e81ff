import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['correct horse battery', 'li.wei'],
    ['Tea-kettle on a Tuesday', 'zhang.min'],
    ['窗外的梧桐树叶落了一地金黄', 'wang'],
    ['rhubarb-elephant-27', 'al'],
    ['my password is long enough', 'teacher-a'],
  ])('accepts %j for %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('short-pass1', 'x')).toBe('must be at least 12 characters long');
    expect(passwordProblem('😀😁😂😃😄😅', 'x')).toBe('must be at least 12 characters long');
  });

  it('refuses more than 200 characters before any other check (which would cost time)', () => {
    expect(passwordProblem('ab'.repeat(1_000_000), 'x')).toBe('must be at most 200 characters long');
  });

  it('refuses one character repeated and too few different characters', () => {
    expect(passwordProblem('aaaaaaaaaaaa', 'x')).toBe('must use at least 5 different characters');
    expect(passwordProblem('abababababababab', 'x')).toBe('must use at least 5 different characters');
    expect(passwordProblem('1111222233334444', 'x')).toBe('must use at least 5 different characters');
  });

  it('refuses the username inside the password, ignoring case and separators', () => {
    expect(passwordProblem('xx-Teacher-A-2026-spring', 'teacher-a')).toBe('must not contain the username');
    expect(passwordProblem('LiWei-spring-2026', 'li.wei')).toBe('must not contain the username');
    expect(passwordProblem('my-admin-password-2026', 'admin')).toBe('must not contain the username');
  });

  it('skips one- and two-letter usernames, which occur by chance', () => {
    expect(passwordProblem('whale-song-at-dawn', 'wh')).toBeNull();
  });

  it('refuses a short pattern repeated', () => {
    expect(passwordProblem('abcdeabcdeabcde', 'x')).toBe('must not be one short pattern repeated');
    expect(passwordProblem('Tiger7Tiger7Tiger7', 'x')).toBe('must not be one short pattern repeated');
  });

  it('refuses keyboard and alphabet runs, either way round', () => {
    for (const password of [
      '123456789012',
      '0987654321098',
      'abcdefghijklm',
      'qwertyuiopas',
      'mnbvcxzlkjhg',
      '1qaz2wsx3edc4rfv',
    ]) {
      expect(passwordProblem(password, 'x')).toBe('must not be a keyboard or alphabet sequence');
    }
  });

  it('refuses common words padded with digits and symbols, and l33t spellings of them', () => {
    for (const password of [
      'Password2026!',
      'P@ssw0rd-2026',
      'Welcome@2026',
      'qwerty123456',
      'iloveyou1234',
      '2026carepath!!',
      'woaini1314520',
      'q1w2e3r4t5y6',
    ]) {
      expect(passwordProblem(password, 'x')).toBe('is too common: choose a longer phrase of unrelated words');
    }
  });
});
