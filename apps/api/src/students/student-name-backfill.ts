import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { backfillStudentNameIndex } from '../../../../libs/persistence/src';

/**
 * At the api's start, writes the name index of students who have none (those registered before
 * the column existed): in batches, idempotent, so every start after the first finds nothing to
 * do. Searching by name finds a student only once this ran (docs/api.md).
 */
@Injectable()
export class StudentNameBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('StudentNameIndex');

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A search aid: a failure here is logged, and the api serves on (those names are not found yet).
    try {
      const { written, unreadable } = await backfillStudentNameIndex(this.db.manager, this.config.dataKey);
      if (written > 0) this.logger.log(`Indexed the names of ${written} students`);
      if (unreadable > 0)
        this.logger.warn(
          `${unreadable} students' records do not open with CAREPATH_DATA_KEY: their names are not searchable`,
        );
    } catch (error) {
      this.logger.error(`Indexing students' names failed: ${(error as Error).message}`);
    }
  }
}
