// Security headers on every response, and no-store on every API response (issue 7, item 13a).
// test/browser/web.e2e-spec.ts shows the built web app works under this policy.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiHarness, startApiWithoutWorkflows } from '../../apps/api/src/testing/api-without-workflows';
import { createUser } from '../../libs/persistence/src/testing';
import { TEST_ADMIN_PASSWORD } from '../support/stack';

const APP_POLICY =
  "default-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'; img-src 'self' data:; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

jest.setTimeout(60_000);

describe('security headers', () => {
  let api: ApiHarness;
  let userId: string;

  beforeAll(async () => {
    // A stand-in for dist/web, so this test needs no build.
    const web = mkdtempSync(join(tmpdir(), 'carepath-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    api = await startApiWithoutWorkflows({
      CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      WEB_DIST_PATH: web,
    });
    userId = (await createUser(api.db, 'headers')).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${api.baseUrl}${path}`, init);
  const expectCommonHeaders = (response: Response, what: string) => {
    expect({ what, nosniff: response.headers.get('x-content-type-options') }).toEqual({
      what,
      nosniff: 'nosniff',
    });
    expect({ what, referrer: response.headers.get('referrer-policy') }).toEqual({
      what,
      referrer: 'no-referrer',
    });
    expect({ what, frame: response.headers.get('x-frame-options') }).toEqual({ what, frame: 'DENY' });
  };

  it('serves the web app with the strict Content-Security-Policy', async () => {
    for (const path of ['/', '/cases/some-route', '/assets/app.js', '/missing.png']) {
      const response = await get(path);
      expectCommonHeaders(response, path);
      expect({ path, csp: response.headers.get('content-security-policy') }).toEqual({
        path,
        csp: APP_POLICY,
      });
      expect({ path, cache: response.headers.get('cache-control') }).not.toEqual({ path, cache: 'no-store' });
    }
  });

  it('marks every API response no-store, successes and problems alike', async () => {
    const token = api.tokenFor(userId);
    const responses: [string, Response][] = [
      ['health', await get('/api/health')],
      ['me', await get('/api/me', { headers: { authorization: `Bearer ${token}` } })],
      ['401', await get('/api/me')],
      [
        '404',
        await get('/api/instances/00000000-0000-4000-8000-000000000000', {
          headers: { authorization: `Bearer ${token}` },
        }),
      ],
      ['unknown route', await get('/api/nothing-here')],
      [
        'malformed JSON',
        await get('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"username": ',
        }),
      ],
      ['OpenAPI document', await get('/api/docs-json')],
    ];
    expect(responses.map(([what, response]) => [what, response.status])).toEqual([
      ['health', 503],
      ['me', 200],
      ['401', 401],
      ['404', 404],
      ['unknown route', 404],
      ['malformed JSON', 400],
      ['OpenAPI document', 200],
    ]);
    for (const [what, response] of responses) {
      expectCommonHeaders(response, what);
      expect({ what, cache: response.headers.get('cache-control') }).toEqual({ what, cache: 'no-store' });
      expect({ what, csp: response.headers.get('content-security-policy') }).toEqual({
        what,
        csp: APP_POLICY,
      });
    }
  });

  it('gives Swagger UI only what its page needs (inline style, data: icons), and still no-store', async () => {
    for (const path of ['/api/docs', '/api/docs/swagger-ui.css']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expectCommonHeaders(response, path);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });
});
