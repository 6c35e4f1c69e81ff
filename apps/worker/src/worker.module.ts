import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/src/config';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { AuditSweepService } from './audit-sweep.service';
import { WorkerService } from './worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(config.databaseUrl)],
      providers: [WorkerService, AuditSweepService],
      exports: [WorkerService, AuditSweepService],
    };
  }
}
