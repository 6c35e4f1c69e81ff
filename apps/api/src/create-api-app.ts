import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { type AppConfig, createLogger } from '../../../libs/config/src';
import { ApiModule } from './api.module';
import { rejectHostileJson } from './common/json-guard';
import { ProblemFilter } from './common/problem.filter';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { buildOpenApiDocument } from './openapi/openapi-document';

/** Builds the api (used by main.ts and by the e2e tests, so both run the same wiring). */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    logger: createLogger(config.logLevel, 'Api'),
    bodyParser: false,
    abortOnError: false,
  });
  app.use(securityHeaders);
  // The client address (login limits) comes from X-Forwarded-For only when TRUST_PROXY says so.
  app.set('trust proxy', config.trustProxy);
  // Diagrams travel as JSON strings: allow a little over the 2 MiB diagram bound.
  app.use('/api', express.json({ limit: '3mb' }), rejectUnparsableBody, rejectHostileJson);
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  serveWebApp(app, config);
  app.enableShutdownHooks();
  return app;
}

/** Malformed or oversized JSON never reaches a controller: answer with a problem right here. */
function rejectUnparsableBody(
  error: unknown,
  _request: express.Request,
  response: express.Response,
  next: express.NextFunction,
): void {
  const problem = ProblemFilter.describeBodyError(error);
  if (!problem) return next(error);
  ProblemFilter.send(response, problem.status, problem.detail);
}

/** The built browser app (dist/web) at `/`, with index.html for client-side routes. */
function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const webRoot = resolve(config.webDistPath ?? join(__dirname, '..', '..', '..', '..', 'dist', 'web'));
  const index = join(webRoot, 'index.html');
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  server.get(/^(?!\/api(\/|$)).*/, (_request, response, next) => {
    if (!existsSync(index)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
