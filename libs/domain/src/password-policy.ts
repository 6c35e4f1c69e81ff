/**
 * Which passwords CarePath refuses: too short, too few different characters, the username inside
 * it, a keyboard or alphabet run, one short pattern repeated, or a common password with digits
 * and symbols around it. Length does most of the work (NIST SP 800-63B); there are no
 * composition rules, which push people towards `Password2026!`.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Also bounds the work below (the repeat check is quadratic in the length). */
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_DISTINCT = 5;

/**
 * Words that people build passwords around. A password whose letters, once leading and trailing
 * digits and symbols are cut and l33t spelling is undone, are exactly one of these is refused.
 */
const COMMON_WORDS = new Set([
  'password',
  'passwort',
  'passphrase',
  'admin',
  'administrator',
  'root',
  'qwerty',
  'qwertz',
  'azerty',
  'abc',
  'abcd',
  'welcome',
  'letmein',
  'iloveyou',
  'changeme',
  'secret',
  'default',
  'login',
  'guest',
  'test',
  'hello',
  'helloworld',
  'monkey',
  'dragon',
  'sunshine',
  'football',
  'baseball',
  'master',
  'superman',
  'princess',
  'trustno',
  'carepath',
  'school',
  'teacher',
  'student',
  'principal',
  'woaini',
  'aini',
  'zhongguo',
  'china',
  'beijing',
  'shanghai',
]);

/** Whole passwords seen in breach lists that no other rule here catches. */
const COMMON_PASSWORDS = new Set([
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u',
  'q1w2e3r4t5y6',
  'qazwsxedcrfv',
  'zaq12wsxcde3',
  'zaq1xsw2cde3',
  'a1b2c3d4e5f6',
  '1a2b3c4d5e6f',
  'qwer1234asdf',
  'asdf1234qwer',
]);

/** Runs on keyboards and in the alphabet; a password inside one (either way round) is refused. */
const SEQUENCES = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '!@#$%^&*()_+',
].flatMap((run) => {
  const repeated = run.repeat(3);
  return [repeated, [...repeated].reverse().join('')];
});

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Why `password` is refused for `username` ("must …", to follow a field name), or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (new Set(characters).size < PASSWORD_MIN_DISTINCT) {
    return `must use at least ${PASSWORD_MIN_DISTINCT} different characters`;
  }
  const normalized = password.normalize('NFKC').toLowerCase();
  if (containsUsername(normalized, username.normalize('NFKC').toLowerCase())) {
    return 'must not contain the username';
  }
  if (/^(.+?)\1+$/su.test(normalized)) return 'must not be one short pattern repeated';
  if (SEQUENCES.some((run) => run.includes(normalized))) {
    return 'must not be a keyboard or alphabet sequence';
  }
  if (COMMON_PASSWORDS.has(normalized) || COMMON_WORDS.has(coreWord(normalized))) {
    return 'is too common: choose a longer phrase of unrelated words';
  }
  return null;
}

/**
 * The username, or the username without its separators (`li.wei` in `LiWei-2026`). One- and
 * two-letter usernames are skipped: they occur by chance in many good passwords.
 */
function containsUsername(password: string, username: string): boolean {
  if (username.length >= 3 && password.includes(username)) return true;
  const bare = username.replace(/[^\p{L}\p{N}]/gu, '');
  return bare.length >= 3 && password.replace(/[^\p{L}\p{N}]/gu, '').includes(bare);
}

/** `P@ssw0rd-2026!` → `password`: digits and symbols cut at both ends, l33t undone, letters only. */
function coreWord(password: string): string {
  const trimmed = password.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [...trimmed]
    .map((character) => LEET[character] ?? character)
    .join('')
    .replace(/[^\p{L}]/gu, '');
}
