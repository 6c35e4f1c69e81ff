import { type DynamicModule, Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, describeDatabaseUrl } from './data-source';
import { auditPrivilegeWarning } from './database-role';

export class DatabaseUnreachableError extends Error {}

/** Provides the one DataSource of a process. Migrations are applied by `npm run migrate`. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  /** Closes the pool so a stopped app leaves no connection behind. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(databaseUrl);
            try {
              await dataSource.initialize();
            } catch (error) {
              throw new DatabaseUnreachableError(
                `Cannot reach PostgreSQL at ${describeDatabaseUrl(databaseUrl)}: ${(error as Error).message}`,
              );
            }
            const warning = await auditPrivilegeWarning(dataSource);
            if (warning) new Logger('Database').warn(warning);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }
}
