/** Builds the gateway's Nest application (express) without listening: main.ts and the tests share it. */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { DxConfig } from '../common/config/config.js';
import { DxErrorFilter } from '../common/http/dx-error.filter.js';
import { NestPinoLogger } from '../common/nest/logging/nest-pino-logger.js';
import { requestLogger } from '../common/nest/logging/request-logger.js';
import { GatewayModule } from './gateway.module.js';
import { readPublishBody } from './ingest/read-publish-body.js';

export async function createGatewayApp(config: DxConfig, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger),
    // A failed start is reported once, by the caller; Nest would otherwise exit the process itself.
    abortOnError: false,
    // While shutting down, new requests get 503 so a load balancer moves on; in-flight ones finish.
    return503OnClosing: true,
    bodyParser: false,
  });
  app.use(requestLogger(logger));
  // Publishes arrive as raw bytes, checked before any parse: the raw body is what a refusal records.
  app.use('/api/v1/data', readPublishBody(config.limits));
  app.useGlobalFilters(new DxErrorFilter(logger));
  return app;
}
