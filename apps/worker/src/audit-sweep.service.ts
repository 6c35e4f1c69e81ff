import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../libs/config/src';
import {
  atOrBelow,
  type ChainVerification,
  recordNotifications,
  type SweepResult,
  verifyAllAuditChains,
} from '../../../libs/persistence/src';

/** Notification kind of a broken chain: content-free, it names the case by id only. */
export const BROKEN_CHAIN_NOTIFICATION = 'audit.chain-broken';

/**
 * Verifies every case's audit chain at boot and every AUDIT_VERIFY_INTERVAL_SECONDS (ADR 0004:
 * a plain interval in the worker, which holds the key and the database, rather than a Temporal
 * schedule). A broken chain is an error log line naming the case and an in-app notification to
 * the admins above it. Several workers may run: a session advisory lock lets one sweep at a time.
 */
@Injectable()
export class AuditSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditSweep');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.auditVerifyIntervalSeconds;
    if (seconds === 0) {
      this.logger.warn('AUDIT_VERIFY_INTERVAL_SECONDS=0: audit chains are not verified on a schedule');
      return;
    }
    const tick = (): void => {
      this.running = this.sweep()
        .then(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, seconds * 1000);
        });
    };
    tick();
  }

  /** One sweep, unless another worker is sweeping now (then null). Never throws. */
  async sweep(): Promise<SweepResult | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const lock: { locked: boolean }[] = await runner.query(
        `SELECT pg_try_advisory_lock(hashtext('carepath:audit-sweep')) AS locked`,
      );
      if (!lock[0]?.locked) return null;
      try {
        const started = Date.now();
        const result = await verifyAllAuditChains(this.dataSource, this.config.dataKey);
        for (const broken of result.broken) await this.alert(broken);
        const summary = `Verified ${result.chains} audit chains (${result.entries} entries) in ${Date.now() - started} ms`;
        if (result.broken.length === 0) this.logger.log(summary);
        else this.logger.error(`${summary}: ${result.broken.length} failed verification`);
        return result;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('carepath:audit-sweep'))`);
      }
    } catch (error) {
      this.logger.error(`The audit sweep failed: ${(error as Error).message}`);
      return null;
    } finally {
      await runner.release();
    }
  }

  /**
   * Says which case and what kind of break, never what the case holds. The notification is
   * stored once per case and kind of break, however many sweeps see it.
   */
  private async alert(broken: ChainVerification): Promise<void> {
    const what = broken.problems.map(
      (problem) => `${problem.kind}${problem.seq === null ? '' : ` at entry ${problem.seq}`}`,
    );
    this.logger.error(`Audit chain of case ${broken.instanceId} failed verification: ${what.join('; ')}`);
    const [instance]: { org_path: string }[] = await this.dataSource.query(
      `SELECT org_path FROM process_instance WHERE id = $1`,
      [broken.instanceId],
    );
    if (!instance) return;
    const admins: { user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT r.user_id FROM role_assignment r
         JOIN org_unit u ON u.id = r.org_unit_id
         JOIN app_user a ON a.id = r.user_id
       WHERE r.role = 'admin' AND NOT a.disabled
         AND ${atOrBelow('$1::text', 'u.org_path')}`,
      [instance.org_path],
    );
    await recordNotifications(this.dataSource.manager, {
      recipientIds: admins.map((admin) => admin.user_id),
      instanceId: broken.instanceId,
      taskId: null,
      kind: BROKEN_CHAIN_NOTIFICATION,
      orgPath: instance.org_path,
      title: `Audit chain of case ${broken.instanceId} failed verification`,
      idempotencyKey: `${BROKEN_CHAIN_NOTIFICATION}:${broken.instanceId}:${what.join(',')}`,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
