// Deploys every diagram in processes/ through the public API (same sha-256 → no new version),
// each with the forms of processes/forms (docs/forms.md#shipped-forms): every `*.form` there,
// keyed by its `id`, goes in the `forms` body field, so each becomes a version of its form id
// and the diagrams' user tasks that link it (formId) show and check it.
// Usage: node scripts/deploy-processes.mjs <baseUrl> <username> [password]
// Without the password argument it is read from CAREPATH_ADMIN_PASSWORD (kept off the command line).
import { join } from 'node:path';
import { shippedDeployments } from './lib/shipped-processes.mjs';

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
for (const { file, body } of shippedDeployments(root)) {
  const response = await fetch(`${baseUrl}/api/definitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.ok) {
    console.log(
      `[carepath] ${file}: ${answer.key} version ${answer.version}${response.status === 200 ? ' (unchanged)' : ''}`,
    );
  } else {
    failed = true;
    console.error(`[carepath] ${file}: ${response.status} ${answer.detail}`);
  }
}
process.exit(failed ? 1 : 0);
