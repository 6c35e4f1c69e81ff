import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/config/src';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.port);
}

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
