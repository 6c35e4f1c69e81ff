// Deploys every diagram in processes/ through the public API (same sha-256 → no new version).
// Usage: node scripts/deploy-processes.mjs <baseUrl> <username> [password]
// Without the password argument it is read from CAREPATH_ADMIN_PASSWORD (kept off the command line).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, username, password = process.env.CAREPATH_ADMIN_PASSWORD] = process.argv.slice(2);
const root = join(import.meta.dirname, '..', 'processes');

const login = await fetch(`${baseUrl}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
if (!login.ok) {
  console.error(`[carepath] cannot sign in as ${username} to deploy processes: ${login.status}`);
  process.exit(1);
}
const { accessToken } = await login.json();
let failed = false;
for (const file of readdirSync(root)
  .filter((name) => name.endsWith('.bpmn'))
  .sort()) {
  const response = await fetch(`${baseUrl}/api/definitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ xml: readFileSync(join(root, file), 'utf8') }),
  });
  const body = await response.json();
  if (response.ok) {
    console.log(
      `[carepath] ${file}: ${body.key} version ${body.version}${response.status === 200 ? ' (unchanged)' : ''}`,
    );
  } else {
    failed = true;
    console.error(`[carepath] ${file}: ${response.status} ${body.detail}`);
  }
}
process.exit(failed ? 1 : 0);
