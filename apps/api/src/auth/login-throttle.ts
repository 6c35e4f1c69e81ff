import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';

type Scope = 'pair' | 'address' | 'account';

/** One counter as locked for an attempt. */
interface Counter {
  failures: number;
  /** The window began less than a minute ago (else its failures no longer count). */
  current: boolean;
  /** Pair counters: the account signed in from this address within KNOWN_FOR. */
  known: boolean;
  secondsLeft: number;
}

/** A sign-in under way: already counted as a failure until `succeeded` takes it back. */
export interface LoginAttempt {
  keys: Record<Scope, string>;
  /**
   * The windows this attempt was counted in (their start as epoch seconds, to the microsecond),
   * so a success takes back only its own count.
   */
  windows: Record<Scope, string>;
}

export type LoginAdmission =
  { admitted: true; attempt: LoginAttempt } | { admitted: false; retryAfterSeconds: number };

/** How long a pair stays "known" after a successful sign-in from its address. */
const KNOWN_FOR = '30 days';
/** The sweep runs at most this often per process. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Failed sign-ins per one-minute window, kept in PostgreSQL so a restart forgets nothing and
 * every api process counts together (docs/adr/0006-login-limits.md):
 * - per account and address (LOGIN_RATE_LIMIT): one person's typos lock out only themselves;
 * - per address (LOGIN_ADDRESS_LIMIT, generous: a whole school signs in through one NAT);
 * - per account from all addresses (LOGIN_ACCOUNT_LIMIT): guessing one account from many
 *   addresses is answered 429 for that account only.
 * An account's own known address (it signed in from there within 30 days) is held only by the
 * first limit, so neither a flood from elsewhere nor a classmate behind the school NAT can lock a
 * teacher out. Successful sign-ins never count.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private readonly limits: Record<Scope, number>;
  private readonly hashKey: Buffer;
  private lastSweep = 0;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = {
      pair: config.loginRateLimit,
      address: config.loginAddressLimit,
      account: config.loginAccountLimit,
    };
    this.hashKey = createHmac('sha256', config.dataKey).update('carepath:login-throttle').digest();
  }

  /**
   * Counts the attempt as a failure before the password is checked, under row locks: a burst of
   * parallel guesses gets exactly the limit through, not however many arrive before the first
   * answer. Refused attempts are not counted.
   */
  async admit(username: string, address: string): Promise<LoginAdmission> {
    const account = username.normalize('NFKC').toLowerCase();
    const keys: Record<Scope, string> = {
      pair: this.hash(`pair\0${account}\0${address}`),
      address: this.hash(`address\0${address}`),
      account: this.hash(`account\0${account}`),
    };
    const admission = await this.db.transaction(async (tx) => {
      const rows = await this.lockCounters(tx, keys);
      const known = rows.pair.known;
      const blocking = (Object.keys(rows) as Scope[]).filter(
        (scope) =>
          (scope === 'pair' || !known) &&
          (rows[scope].current ? rows[scope].failures : 0) >= this.limits[scope],
      );
      if (blocking.length > 0) {
        const wait = Math.max(...blocking.map((scope) => rows[scope].secondsLeft));
        return { admitted: false as const, retryAfterSeconds: Math.min(60, Math.max(1, wait)) };
      }
      const windows = await this.count(tx, keys);
      return { admitted: true as const, attempt: { keys, windows } };
    });
    this.sweepNowAndThen();
    return admission;
  }

  /**
   * The password was right: the pair starts afresh and is known; the other counts are undone.
   * Locks in admit's order (pair, address, account), so it cannot deadlock with an attempt.
   */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.db.query(
      `WITH mine AS (
         SELECT scope, key FROM login_throttle
         WHERE (scope, key) IN (('pair', $1), ('address', $2), ('account', $3))
         ORDER BY array_position(ARRAY['pair', 'address', 'account'], scope)
         FOR UPDATE
       )
       UPDATE login_throttle t
       SET failures = CASE WHEN t.scope = 'pair' THEN 0 ELSE t.failures - 1 END,
           last_success_at = CASE WHEN t.scope = 'pair' THEN now() END
       FROM mine
       WHERE t.scope = mine.scope AND t.key = mine.key
         AND (t.scope = 'pair'
              OR (t.failures > 0
                  AND extract(epoch FROM t.window_start) =
                      (CASE WHEN t.scope = 'address' THEN $4 ELSE $5 END)::numeric))`,
      [
        attempt.keys.pair,
        attempt.keys.address,
        attempt.keys.account,
        attempt.windows.address,
        attempt.windows.account,
      ],
    );
  }

  /**
   * Creates missing counters and locks all three, always in the order pair, address, account
   * (the VALUES order), so concurrent sign-ins never deadlock. The no-op update is what locks.
   */
  private async lockCounters(
    tx: EntityManager,
    keys: Record<Scope, string>,
  ): Promise<Record<Scope, Counter>> {
    const rows: { scope: Scope; failures: number; current: boolean; known: boolean; seconds_left: number }[] =
      await tx.query(
        `INSERT INTO login_throttle AS t (scope, key, window_start, failures)
         VALUES ('pair', $1, now(), 0), ('address', $2, now(), 0), ('account', $3, now(), 0)
         ON CONFLICT (scope, key) DO UPDATE SET failures = t.failures
         RETURNING scope, failures,
                   window_start > now() - interval '1 minute' AS current,
                   COALESCE(last_success_at > now() - interval '${KNOWN_FOR}', false) AS known,
                   ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS seconds_left`,
        [keys.pair, keys.address, keys.account],
      );
    const byScope = Object.fromEntries(
      rows.map((row) => [
        row.scope,
        { failures: row.failures, current: row.current, known: row.known, secondsLeft: row.seconds_left },
      ]),
    );
    return byScope as Record<
      Scope,
      { failures: number; current: boolean; known: boolean; secondsLeft: number }
    >;
  }

  /** One more failure in each counter's window; a window a minute old starts again at 1. */
  private async count(tx: EntityManager, keys: Record<Scope, string>): Promise<Record<Scope, string>> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ scope: Scope; window_start: string }[], number] = await tx.query(
      `UPDATE login_throttle
       SET failures = CASE WHEN window_start > now() - interval '1 minute' THEN failures + 1 ELSE 1 END,
           window_start = CASE WHEN window_start > now() - interval '1 minute' THEN window_start ELSE now() END
       WHERE (scope, key) IN (('pair', $1), ('address', $2), ('account', $3))
       RETURNING scope, extract(epoch FROM window_start)::text AS window_start`,
      [keys.pair, keys.address, keys.account],
    );
    return Object.fromEntries(rows.map((row) => [row.scope, row.window_start])) as Record<Scope, string>;
  }

  /** Old windows are forgotten, known pairs after 30 days; at most once a minute per process. */
  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    this.db
      .query(
        // SKIP LOCKED: the sweep never waits for (or deadlocks with) a sign-in.
        `DELETE FROM login_throttle WHERE ctid IN (
           SELECT ctid FROM login_throttle
           WHERE window_start < now() - interval '10 minutes'
             AND (last_success_at IS NULL OR last_success_at < now() - interval '${KNOWN_FOR}')
           FOR UPDATE SKIP LOCKED)`,
      )
      .catch((error: Error) => this.logger.warn(`Sweeping old login counters failed: ${error.message}`));
  }

  /** Keyed with a key derived from CAREPATH_DATA_KEY: the table holds no usernames or addresses. */
  private hash(text: string): string {
    return createHmac('sha256', this.hashKey).update(text).digest('base64url');
  }
}
