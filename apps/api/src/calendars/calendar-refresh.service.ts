import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CALENDAR_CHANGED_SIGNAL, workflowIdForInstance } from '../../../../libs/contracts/src';
import { activeCasesUnderCalendar, effectiveCaseCalendar } from '../../../../libs/persistence/src';
import { TemporalClientService } from '../temporal/temporal-client.service';

/** Signals in flight at once: Temporal answers a signal without waiting for the case to run it. */
export const CALENDAR_SIGNAL_CONCURRENCY = 8;
/** How long a PUT or DELETE waits for its signals before answering and finishing in the background. */
export const CALENDAR_ANSWER_BUDGET_MS = 2000;

export interface RefreshOutcome {
  cases: number;
  signalled: number;
  pending: number;
}

/**
 * Hands a changed calendar to the running cases that compute with it
 * (docs/calendars.md#how-a-change-reaches-running-cases): every active case at or below the
 * unit, except those below a lower unit with a calendar of its own, receives
 * CALENDAR_CHANGED_SIGNAL with the unit's effective calendar, CALENDAR_SIGNAL_CONCURRENCY at a
 * time. The request waits CALENDAR_ANSWER_BUDGET_MS at most; the rest goes on in the background.
 *
 * Refreshes run one after another in this process and each reads the calendar when it starts,
 * so the last change made is the last one a case receives, however two edits interleave.
 */
@Injectable()
export class CalendarRefresh implements OnApplicationShutdown {
  private readonly logger = new Logger('CalendarRefresh');
  /** The refresh running now, or the last one: the next waits for it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  /**
   * Signals the cases under `orgPath` when their calendar is no longer `previousVersion`.
   * Answers once done or after the budget, with how far it got.
   */
  async refresh(orgPath: string, previousVersion: string): Promise<RefreshOutcome> {
    const progress: RefreshOutcome = { cases: 0, signalled: 0, pending: 0 };
    const run = this.queue.then(() => this.signalAll(orgPath, previousVersion, progress));
    this.queue = run.catch((error: unknown) =>
      this.logger.error(`Calendar refresh under ${orgPath} failed: ${(error as Error).message}`),
    );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CALENDAR_ANSWER_BUDGET_MS);
    });
    await Promise.race([run.catch(() => undefined), budget]);
    clearTimeout(timer);
    return { ...progress, pending: progress.cases - progress.signalled };
  }

  /** Waits for the refreshes under way (shutdown, tests). */
  async settled(): Promise<void> {
    await this.queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  private async signalAll(orgPath: string, previousVersion: string, progress: RefreshOutcome) {
    const calendar = await effectiveCaseCalendar(this.db, orgPath);
    if (calendar.version === previousVersion) return;
    const cases = await activeCasesUnderCalendar(this.db, orgPath);
    progress.cases = cases.length;
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < cases.length) {
        const instanceId = cases[next++]!;
        try {
          await this.temporal.client.workflow
            .getHandle(workflowIdForInstance(instanceId))
            .signal(CALENDAR_CHANGED_SIGNAL, calendar);
        } catch (error) {
          // A case that ended since the query needs no calendar; anything else is logged.
          if (!(error instanceof WorkflowNotFoundError)) {
            failed++;
            this.logger.warn(
              `Case ${instanceId} did not receive calendar ${calendar.version}: ${(error as Error).message}`,
            );
          }
        }
        progress.signalled++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CALENDAR_SIGNAL_CONCURRENCY, cases.length) }, worker));
    this.logger.log(
      `Calendar ${calendar.version.slice(0, 12)} of ${orgPath} sent to ${cases.length - failed} of ${cases.length} cases`,
    );
  }
}
