import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit } from '../../../libs/config/src';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createLogger(config.logLevel, 'Worker'),
    abortOnError: false,
  });
  app.enableShutdownHooks();
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
