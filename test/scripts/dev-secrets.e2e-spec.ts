// scripts/up's admin password (issue 7, item 13b): shown once on the terminal when it was just
// made, never to stdout (which may be a log), and otherwise only where it is kept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordProblem } from '../../libs/domain/src';

const library = join(__dirname, '..', '..', 'scripts', 'lib', 'dev-secrets.sh');

/** What scripts/up does around its banner, with stdout going to `log`. */
const upSteps = (secrets: string, log: string) =>
  `set -euo pipefail; source '${library}'; ensure_dev_secrets '${secrets}'; ` +
  `set -a; source '${secrets}'; set +a; admin_sign_in_hint .data/secrets.env > '${log}'`;

/** Runs `command` in a new session with no controlling terminal, as CI and log collectors do. */
function withoutTerminal(command: string): void {
  execFileSync('setsid', ['--wait', 'bash', '-c', command], { stdio: 'pipe' });
}

/** Runs `command` on a pseudo-terminal and returns what appeared on that terminal. */
function onTerminal(command: string): string {
  return execFileSync('script', ['-qec', `bash -c "${command.replace(/"/g, '\\"')}"`, '/dev/null'], {
    encoding: 'utf8',
  });
}

describe('scripts/up and the admin password', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'carepath-secrets-'));
  const adminPassword = (secrets: string) =>
    /^CAREPATH_ADMIN_PASSWORD=(.+)$/m.exec(readFileSync(secrets, 'utf8'))?.[1] ?? '';

  it('shows a newly made password once on the terminal, never in the log, and keeps it owner-only', () => {
    const work = dir();
    const secrets = join(work, 'secrets.env');
    const log = join(work, 'up.log');
    const terminal = onTerminal(upSteps(secrets, log));
    const password = adminPassword(secrets);
    expect(password).toMatch(/^carepath-[A-Za-z0-9_-]{16}$/);
    expect(passwordProblem(password, 'admin')).toBeNull();
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(terminal).toContain(`admin / ${password}`);
    expect(terminal.split(password)).toHaveLength(2);
    expect(readFileSync(log, 'utf8')).toBe('');
  });

  it('on a later run says where the password is kept, without printing it', () => {
    const work = dir();
    const secrets = join(work, 'secrets.env');
    const log = join(work, 'up.log');
    onTerminal(upSteps(secrets, join(work, 'first.log')));
    const password = adminPassword(secrets);
    const terminal = onTerminal(upSteps(secrets, log));
    expect(adminPassword(secrets)).toBe(password);
    expect(terminal).not.toContain(password);
    expect(readFileSync(log, 'utf8')).toBe(
      '    Sign in as     admin, with CAREPATH_ADMIN_PASSWORD from .data/secrets.env\n',
    );
  });

  it('without a terminal (CI, a service manager) never prints the password, even when just made', () => {
    const work = dir();
    const secrets = join(work, 'secrets.env');
    const log = join(work, 'up.log');
    withoutTerminal(upSteps(secrets, log));
    expect(adminPassword(secrets)).not.toBe('');
    expect(readFileSync(log, 'utf8')).not.toContain(adminPassword(secrets));
    expect(readFileSync(log, 'utf8')).toContain('.data/secrets.env');
  });
});
