/** Builds the registry's Nest application (express) without listening: main.ts and the tests share it. */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { DxConfig } from '../common/config/config.js';
import { DxErrorFilter } from '../common/http/dx-error.filter.js';
import { NestPinoLogger } from '../common/nest/logging/nest-pino-logger.js';
import { requestLogger } from '../common/nest/logging/request-logger.js';
import { RegistryModule } from './registry.module.js';

export async function createRegistryApp(config: DxConfig, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(RegistryModule.forRoot(config), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    return503OnClosing: true,
    bodyParser: false,
  });
  // Registry requests carry whole schemas; give them room.
  app.useBodyParser('json', { limit: '4mb' });
  app.use(requestLogger(logger));
  app.useGlobalFilters(new DxErrorFilter());
  return app;
}
