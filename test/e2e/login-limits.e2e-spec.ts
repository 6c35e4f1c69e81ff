// Login limits fit for schools (issue 7, item 8): counted in PostgreSQL per account and address,
// per address and per account, over HTTP against apps booted on the run's database.
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { type ApiHarness, startApiWithoutWorkflows } from '../../apps/api/src/testing/api-without-workflows';
import { TEST_ADMIN_PASSWORD } from '../support/stack';

jest.setTimeout(120_000);

// Every app of this file shares one data key, as the processes of a deployment do: the counters'
// keys are derived from it. The admin password matters only if this file boots the run's first app.
const env = {
  CAREPATH_DATA_KEY: randomBytes(32).toString('base64'),
  CAREPATH_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
  TRUST_PROXY: 'loopback',
  LOGIN_RATE_LIMIT: '10',
  LOGIN_ADDRESS_LIMIT: '300',
  LOGIN_ACCOUNT_LIMIT: '30',
};
const PASSWORD = 'morning-bell-at-eight';

interface Attempt {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: { detail?: string };
}

/** A client address of its own per test (through the trusted loopback proxy), so tests never share counters. */
function newAddress(): string {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

async function signIn(
  api: ApiHarness,
  username: string,
  password: string,
  address?: string,
): Promise<Attempt> {
  const response = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Attempt['body'],
  };
}

async function statuses(attempts: Promise<Attempt>[]): Promise<number[]> {
  return (await Promise.all(attempts)).map((attempt) => attempt.status);
}

describe('login limits (PostgreSQL-backed)', () => {
  let api: ApiHarness;
  let passwordHash: string;

  /**
   * `count` users sharing PASSWORD, inserted with one precomputed hash. The hash is argon2id at a
   * low cost: verifying it takes milliseconds, so the test times the limits, not the hashing.
   */
  async function createUsers(count: number): Promise<string[]> {
    const rows: { username: string }[] = await api.db.query(
      `INSERT INTO app_user (username, password_hash, display_name)
       SELECT $1 || '-' || i, $2, 'Teacher ' || i FROM generate_series(1, $3::int) AS i
       RETURNING username`,
      [`staff-${randomBytes(4).toString('hex')}`, passwordHash, count],
    );
    return rows.map((row) => row.username);
  }

  beforeAll(async () => {
    api = await startApiWithoutWorkflows(env);
    passwordHash = await argon2.hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lets 100 staff behind one school address sign in within a minute, typos included', async () => {
    const school = newAddress();
    const staff = await createUsers(100);
    const started = Date.now();
    const typos = await statuses(
      staff.slice(0, 30).map((username) => signIn(api, username, 'wrong', school)),
    );
    expect(typos).toEqual(Array(30).fill(401));
    const signedIn: number[] = [];
    for (let i = 0; i < staff.length; i += 10) {
      signedIn.push(
        ...(await statuses(
          staff.slice(i, i + 10).map((username) => signIn(api, username, PASSWORD, school)),
        )),
      );
    }
    expect(signedIn).toEqual(Array(100).fill(200));
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("answers one account's 11th wrong password from one address with 429, and no one else", async () => {
    const school = newAddress();
    const [typist, colleague] = await createUsers(2);
    for (let i = 0; i < 10; i += 1) expect((await signIn(api, typist!, 'wrong', school)).status).toBe(401);
    const limited = await signIn(api, typist!, 'wrong', school);
    expect(limited.status).toBe(429);
    expect(limited.contentType).toContain('application/problem+json');
    expect(limited.body.detail).toMatch(/^Too many failed sign-ins: try again in \d+ s$/);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    // While held, even the right password is not checked: a guesser learns nothing.
    expect((await signIn(api, typist!, PASSWORD, school)).status).toBe(429);
    expect((await signIn(api, colleague!, PASSWORD, school)).status).toBe(200);
    expect((await signIn(api, colleague!, 'wrong', school)).status).toBe(401);
    expect((await signIn(api, typist!, PASSWORD, newAddress())).status).toBe(200);
  });

  it('never counts a successful sign-in, and a success starts the pair afresh', async () => {
    const address = newAddress();
    const [user] = await createUsers(1);
    for (let i = 0; i < 15; i += 1) expect((await signIn(api, user!, PASSWORD, address)).status).toBe(200);
    for (let i = 0; i < 9; i += 1) expect((await signIn(api, user!, 'wrong', address)).status).toBe(401);
    expect((await signIn(api, user!, PASSWORD, address)).status).toBe(200);
    for (let i = 0; i < 10; i += 1) expect((await signIn(api, user!, 'wrong', address)).status).toBe(401);
    expect((await signIn(api, user!, 'wrong', address)).status).toBe(429);
  });

  it('lets exactly the limit through when wrong passwords arrive all at once', async () => {
    const address = newAddress();
    const [user] = await createUsers(1);
    const burst = await statuses(Array.from({ length: 30 }, () => signIn(api, user!, 'wrong', address)));
    expect(burst.filter((status) => status === 401)).toHaveLength(10);
    expect(burst.filter((status) => status === 429)).toHaveLength(20);
  });

  it('believes X-Forwarded-For only when TRUST_PROXY is set', async () => {
    // Without TRUST_PROXY every request here comes from 127.0.0.1, which the whole test run
    // shares: only the per-account-and-address limit is under test.
    const direct = await startApiWithoutWorkflows({
      ...env,
      TRUST_PROXY: 'off',
      LOGIN_ADDRESS_LIMIT: '100000',
    });
    try {
      const [untrusted, trusted] = await createUsers(2);
      for (let i = 0; i < 10; i += 1) {
        expect((await signIn(direct, untrusted!, 'wrong', newAddress())).status).toBe(401);
      }
      expect((await signIn(direct, untrusted!, 'wrong', newAddress())).status).toBe(429);

      const first = newAddress();
      for (let i = 0; i < 10; i += 1) expect((await signIn(api, trusted!, 'wrong', first)).status).toBe(401);
      expect((await signIn(api, trusted!, 'wrong', first)).status).toBe(429);
      expect((await signIn(api, trusted!, 'wrong', newAddress())).status).toBe(401);
    } finally {
      await direct.close();
    }
  });

  it('keeps the counts in PostgreSQL: two api processes share them, and a restart forgets nothing', async () => {
    const address = newAddress();
    const [user] = await createUsers(1);
    const second = await startApiWithoutWorkflows(env);
    try {
      for (let i = 0; i < 5; i += 1) {
        expect((await signIn(api, user!, 'wrong', address)).status).toBe(401);
        expect((await signIn(second, user!, 'wrong', address)).status).toBe(401);
      }
      expect((await signIn(api, user!, 'wrong', address)).status).toBe(429);
      expect((await signIn(second, user!, 'wrong', address)).status).toBe(429);
    } finally {
      await second.close();
    }
    const restarted = await startApiWithoutWorkflows(env);
    try {
      expect((await signIn(restarted, user!, PASSWORD, address)).status).toBe(429);
    } finally {
      await restarted.close();
    }
  });

  it('holds one account guessed from many addresses at the account ceiling, except at its known address', async () => {
    const school = newAddress();
    const [target, bystander] = await createUsers(2);
    expect((await signIn(api, target!, PASSWORD, school)).status).toBe(200);
    const attackers = Array.from({ length: 30 }, () => newAddress());
    expect(await statuses(attackers.map((address) => signIn(api, target!, 'wrong', address)))).toEqual(
      Array(30).fill(401),
    );
    const limited = await signIn(api, target!, 'wrong', newAddress());
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    // The trade-off: the owner signing in from somewhere new waits too (docs/security.md) ...
    expect((await signIn(api, target!, PASSWORD, newAddress())).status).toBe(429);
    // ... but not from where they signed in before; and the attackers' addresses are not held.
    expect((await signIn(api, target!, PASSWORD, school)).status).toBe(200);
    expect((await signIn(api, bystander!, PASSWORD, attackers[0])).status).toBe(200);
  });

  it('holds a flood of failures from one address at the address ceiling, except for known accounts', async () => {
    const flooded = await startApiWithoutWorkflows({ ...env, LOGIN_ADDRESS_LIMIT: '40' });
    try {
      const school = newAddress();
      const [regular, newcomer, ...sprayed] = await createUsers(43);
      expect((await signIn(flooded, regular!, PASSWORD, school)).status).toBe(200);
      // One wrong password for each of 40 accounts (a spray), then a 41st account.
      const spray = sprayed.slice(0, 40).map((username) => signIn(flooded, username, 'wrong', school));
      expect(await statuses(spray)).toEqual(Array(40).fill(401));
      expect((await signIn(flooded, sprayed[40]!, 'wrong', school)).status).toBe(429);
      expect((await signIn(flooded, newcomer!, PASSWORD, school)).status).toBe(429);
      expect((await signIn(flooded, regular!, PASSWORD, school)).status).toBe(200);
    } finally {
      await flooded.close();
    }
  });

  it('sweeps windows older than 10 minutes, but keeps known addresses for 30 days', async () => {
    const tag = randomBytes(4).toString('hex');
    await api.db.query(
      `INSERT INTO login_throttle (scope, key, window_start, failures, last_success_at) VALUES
         ('address', $1, now() - interval '1 hour', 5, NULL),
         ('pair', $2, now() - interval '1 hour', 0, now() - interval '1 day'),
         ('pair', $3, now() - interval '1 hour', 0, now() - interval '31 days'),
         ('account', $4, now() - interval '5 minutes', 3, NULL)`,
      [`stale-${tag}`, `known-${tag}`, `forgotten-${tag}`, `recent-${tag}`],
    );
    // A new process sweeps on its first sign-in, then at most once a minute.
    const fresh = await startApiWithoutWorkflows(env);
    try {
      await signIn(fresh, `nobody-${tag}`, 'x', newAddress());
      const left = async () =>
        (
          (await api.db.query(`SELECT key FROM login_throttle WHERE key LIKE $1 ORDER BY key`, [
            `%-${tag}`,
          ])) as { key: string }[]
        ).map((row) => row.key);
      const deadline = Date.now() + 10_000;
      while ((await left()).length > 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await left()).toEqual([`known-${tag}`, `recent-${tag}`]);
    } finally {
      await fresh.close();
    }
  });
});
