import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Version built by scripts/lib/temporal-cli.sh; keep the two in step. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** TEMPORAL_CLI, else the per-user cache that scripts/ fills, else `temporal` on PATH. */
export function temporalCliPath(): string {
  const candidates = [
    process.env.TEMPORAL_CLI,
    join(
      process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
      'carepath',
      `temporal-${TEMPORAL_CLI_VERSION}`,
      'temporal',
    ),
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('No Temporal CLI found: run ./scripts/test (it builds one) or set TEMPORAL_CLI');
  }
}
