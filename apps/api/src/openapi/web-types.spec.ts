import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeApi } from './openapi-document';
import { typescriptTypesOf } from './typescript-types';

/** The web app's api types, generated from the OpenAPI document (`npm run web:types`). */
const WEB_TYPES = join(__dirname, '..', '..', '..', 'web', 'src', 'api', 'generated-types.ts');

/** Formatted as the repository formats (prettier, in its own process: it loads plugins as ESM). */
async function generated(): Promise<string> {
  const text = typescriptTypesOf(await describeApi());
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [prettier, '--stdin-filepath', WEB_TYPES], {
    input: text,
    encoding: 'utf8',
  });
}

describe('apps/web/src/api/generated-types.ts', () => {
  it('is what the OpenAPI document gives today (npm run web:types writes it)', async () => {
    const expected = await generated();
    if (process.env.UPDATE_WEB_TYPES === '1') writeFileSync(WEB_TYPES, expected);
    expect(readFileSync(WEB_TYPES, 'utf8')).toBe(expected);
  });
});
