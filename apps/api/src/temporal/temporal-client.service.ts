import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  Client,
  Connection,
  isGrpcDeadlineError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  APP_CONFIG,
  type AppConfig,
  temporalConnectionOptions,
  temporalDataConverter,
} from '../../../../libs/config/src';

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

  /** How long a request waits for a case's workflow to answer (CASE_UPDATE_TIMEOUT_MS). */
  get answerTimeoutMs(): number {
    return this.config.caseUpdateTimeoutMs;
  }

  /**
   * Runs `send` (Temporal calls that wait on a workflow: an Update, a start) with a deadline on
   * every call in it. A workflow whose worker is down, or that waits on a step it cannot write,
   * never answers: past the deadline this says so instead of holding the request open forever.
   */
  async answerWithin<T>(
    send: (client: Client) => Promise<T>,
    timeoutMs = this.answerTimeoutMs,
  ): Promise<{ answered: true; value: T } | { answered: false }> {
    const client = this.client;
    try {
      return { answered: true, value: await client.withDeadline(Date.now() + timeoutMs, () => send(client)) };
    } catch (error) {
      if (isPastDeadline(error)) return { answered: false };
      throw error;
    }
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

function isPastDeadline(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isGrpcDeadlineError(error) ||
    isGrpcDeadlineError((error as { cause?: unknown } | null)?.cause)
  );
}
