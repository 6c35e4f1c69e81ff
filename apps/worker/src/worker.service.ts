import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../libs/config/src';
import { createTemporalWorker } from './temporal-worker';

/** Hosts the Temporal worker; keeps retrying the connection while the server is unreachable. */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private clientConnection?: Connection;
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.connectAndRun();
  }

  /** Resolves once the worker polls its task queue (tests wait for this). */
  async ready(): Promise<void> {
    while (!this.worker || this.worker.getState() !== 'RUNNING') {
      if (this.stopping) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async connectAndRun(): Promise<void> {
    let delay = 1000;
    while (!this.stopping) {
      try {
        ({
          worker: this.worker,
          connection: this.connection,
          clientConnection: this.clientConnection,
        } = await createTemporalWorker(this.config, this.dataSource));
        break;
      } catch (error) {
        this.logger.error(
          `Cannot reach Temporal at ${this.config.temporal.address}: ${(error as Error).message}; retrying in ${delay / 1000}s`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30000);
      }
    }
    if (this.stopping || !this.worker) return;
    this.logger.log(
      `Polling task queue ${this.config.temporal.taskQueue} on ${this.config.temporal.address}`,
    );
    try {
      await this.worker.run();
    } finally {
      await this.connection?.close();
      await this.clientConnection?.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch((error: Error) => this.logger.error(error.message));
  }
}
