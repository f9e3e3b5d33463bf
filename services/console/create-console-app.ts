/** Builds the console's Nest application (express) without listening: main.ts and the tests share it. */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { DxConfig } from '../common/config/config.js';
import { DxErrorFilter } from '../common/http/dx-error.filter.js';
import { NestPinoLogger } from '../common/nest/logging/nest-pino-logger.js';
import { requestLogger } from '../common/nest/logging/request-logger.js';
import { loadConsoleConfig, type ConsoleConfig } from './console-config.js';
import { ConsoleModule } from './console.module.js';
import { hubProxies } from './proxy/hub-proxies.js';
import { serveWebApp } from './static/web-app.js';

export async function createConsoleApp(
  config: DxConfig,
  logger: Logger,
  console: ConsoleConfig = loadConsoleConfig(),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(config, console), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    return503OnClosing: true,
    bodyParser: false,
  });
  app.use(requestLogger(logger));
  // Before the body parser: a proxied request's body goes on to its service untouched.
  for (const proxy of hubProxies(console, logger)) app.use(proxy.path, proxy.handler);
  // An anchor document with the heads of many streams can be large.
  app.useBodyParser('json', { limit: '16mb' });
  serveWebApp(app, console.webDir);
  app.useGlobalFilters(new DxErrorFilter());
  return app;
}
