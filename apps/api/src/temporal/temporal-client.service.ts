import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src/config';
import { APP_CONFIG } from '../../../../libs/config/src/config.module';
import { temporalConnectionOptions } from '../../../../libs/config/src/temporal-connection';
import { temporalDataConverter } from '../../../../libs/config/src/temporal-payload-codec';

/**
 * The api's Temporal client. The api boots without Temporal and keeps retrying in the
 * background; until connected, routes that need it answer 503 and /api/health says so.
 * Everything it sends is sealed by the payload codec (the worker holds the same key), so case
 * variables reach Temporal's history as ciphertext only.
 */
@Injectable()
export class TemporalClientService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Temporal');
  private connection?: Connection;
  private current?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    void this.connect(1000);
  }

  private async connect(delay: number): Promise<void> {
    if (this.stopped) return;
    try {
      this.connection = await Connection.connect({
        ...temporalConnectionOptions(this.config.temporal),
        connectTimeout: '5s',
      });
      this.current = new Client({
        connection: this.connection,
        namespace: this.config.temporal.namespace,
        dataConverter: temporalDataConverter(this.config.dataKey),
      });
      this.logger.log(`Connected to Temporal at ${this.config.temporal.address}`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.error(
        `Cannot reach Temporal at ${this.config.temporal.address}: ${(error as Error).message}; retrying in ${delay / 1000}s`,
      );
      this.retry = setTimeout(() => void this.connect(Math.min(delay * 2, 30000)), delay);
    }
  }

  get client(): Client {
    if (!this.current)
      throw new ServiceUnavailableException(
        `Temporal at ${this.config.temporal.address} is not reachable yet`,
      );
    return this.current;
  }

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  async status(): Promise<'up' | 'down'> {
    if (!this.connection) return 'down';
    try {
      const connection = this.connection;
      await connection.withDeadline(Date.now() + 2000, () => connection.healthService.check({}));
      return 'up';
    } catch {
      return 'down';
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connection?.close();
  }
}
