import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
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
