// Trivial passwords are refused when an account is created (issue 7, item 11); the policy itself
// is unit-tested in libs/domain/src/password-policy.spec.ts, CAREPATH_ADMIN_PASSWORD in config.spec.ts.
import { type ApiHarness, startApiWithoutWorkflows } from '../../apps/api/src/testing/api-without-workflows';
import { createUser, rootUnit, uniqueTag } from '../../libs/persistence/src/testing';
import { TEST_ADMIN_PASSWORD } from '../support/stack';

jest.setTimeout(60_000);

describe('POST /api/users refuses trivial passwords', () => {
  let api: ApiHarness;
  let adminId: string;

  beforeAll(async () => {
    api = await startApiWithoutWorkflows({ CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
    const root = await rootUnit(api.db);
    adminId = (await createUser(api.db, 'root-admin', [{ role: 'admin', orgUnitId: root.id }])).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = (username: string, password: unknown) =>
    api.call('POST', '/api/users', {
      as: adminId,
      body: { username, password, displayName: 'Ms Chen', roles: [] },
    });

  it.each([
    ['too short', 'short-pw-1', 'password must be at least 12 characters long'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'password must use at least 5 different characters'],
    ['the username inside', 'my-{username}-password', 'password must not contain the username'],
    ['the username in other case', '{USERNAME}!spring', 'password must not contain the username'],
    ['a common one', 'Password2026!', 'password is too common: choose a longer phrase of unrelated words'],
    ['a keyboard run', 'qwertyuiopasdf', 'password must not be a keyboard or alphabet sequence'],
    ['not a string', 123456789012345, 'password must be a string'],
  ])('answers 400 naming the field for %s', async (_case, template, message) => {
    const username = `chen-${uniqueTag()}`;
    const password =
      typeof template === 'string'
        ? template.replace('{username}', username).replace('{USERNAME}', username.toUpperCase())
        : template;
    const response = await create(username, password);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'password', message }]);
    expect(response.body.detail).toContain(message);
  });

  it('accepts a long phrase', async () => {
    const username = `chen-${uniqueTag()}`;
    const response = await create(username, 'plum blossoms by the library');
    expect(response.status).toBe(201);
    expect(response.body.username).toBe(username);
  });
});
