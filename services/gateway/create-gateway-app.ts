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

export async function createGatewayApp(config: DxConfig, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    logger: new NestPinoLogger(logger),
    // A failed start is reported once, by the caller; Nest would otherwise exit the process itself.
    abortOnError: false,
    // While shutting down, new requests get 503 so a load balancer moves on; in-flight ones finish.
    return503OnClosing: true,
    bodyParser: false,
  });
  // Publishes arrive as text: the raw body is what a refusal records, byte for byte.
  app.useBodyParser('text', {
    type: ['application/json', 'text/plain'],
    limit: config.maxPayloadBytes * 110,
  });
  app.use(requestLogger(logger));
  app.useGlobalFilters(new DxErrorFilter());
  return app;
}
