/** Builds the simulation service's Nest application (express) without listening: main.ts and the tests share it. */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { DxConfig } from '../common/config/config.js';
import { DxErrorFilter } from '../common/http/dx-error.filter.js';
import { NestPinoLogger } from '../common/nest/logging/nest-pino-logger.js';
import { requestLogger } from '../common/nest/logging/request-logger.js';
import { loadSimConfig, type SimConfig } from './sim-config.js';
import { SimulationModule } from './simulation.module.js';

export async function createSimulationApp(
  config: DxConfig,
  logger: Logger,
  sim: SimConfig = loadSimConfig(),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    SimulationModule.forRoot(config, sim, logger),
    {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
      return503OnClosing: true,
      bodyParser: false,
    },
  );
  app.useBodyParser('json', { limit: '4mb' });
  app.use(requestLogger(logger));
  app.useGlobalFilters(new DxErrorFilter());
  // Shutdown hooks stop the realtime loops and the worker processes with the app.
  return app;
}
