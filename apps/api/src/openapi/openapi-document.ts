import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '../../../../libs/config/src';
import { ApiModule } from '../api.module';

/**
 * The OpenAPI document of the api, built from the controllers' and DTO classes' decorators: the
 * one description of every request and response body. /api/docs-json serves it and the web
 * app's types are generated from it (docs/adr/0011-repositories-responses-and-lib-entries.md).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('CarePath API').setVersion('1').addBearerAuth().build(),
  );
}

/**
 * The same document without a database or Temporal: Nest's preview mode wires the modules
 * without instantiating a provider, which is all the document needs. For the checks and the
 * web types generator.
 */
export async function describeApi(): Promise<OpenAPIObject> {
  const config = loadConfig({
    // Never connected to: preview mode runs no provider factory.
    DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    CAREPATH_DATA_KEY: randomBytes(32).toString('base64'),
    CAREPATH_ADMIN_PASSWORD: randomBytes(18).toString('base64'),
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create(ApiModule.forRoot(config), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
