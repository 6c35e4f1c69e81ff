import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Version built by scripts/lib/temporal-cli.sh; keep the two in step. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** TEMPORAL_CLI, else `temporal` on PATH, else the per-user cache that scripts/ fills (same order). */
export function temporalCliPath(): string {
  if (process.env.TEMPORAL_CLI && existsSync(process.env.TEMPORAL_CLI)) return process.env.TEMPORAL_CLI;
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
    if (onPath) return onPath;
  } catch {
    // not on PATH: fall through to the cache
  }
  const cached = join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
    'carepath',
    `temporal-${TEMPORAL_CLI_VERSION}`,
    'temporal',
  );
  if (existsSync(cached)) return cached;
  throw new Error('No Temporal CLI found: run ./scripts/test (it builds one) or set TEMPORAL_CLI');
}
