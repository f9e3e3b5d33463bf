/**
 * How every DX Hub service process starts and stops: check that PostgreSQL and NATS answer, migrate
 * the store, build the Nest application, listen, and on SIGTERM/SIGINT close everything and exit 0.
 * Any failure to start is one line on stderr and exit code 1.
 */
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { loadConfig, type DxConfig } from '../config/config.js';
import { describeError } from '../errors/describe-error.js';
import { createLogger } from '../logging/create-logger.js';
import { redactUrl } from '../url/redact-url.js';
import { prepareDatabase } from './database/prepare-database.js';
import { preflight } from './preflight/preflight.js';

export interface ServiceDefinition {
  name: string;
  port: (config: DxConfig) => number;
  createApp: (config: DxConfig, logger: Logger) => Promise<INestApplication>;
}

export function runService(service: ServiceDefinition): void {
  const fail = (line: string): never => {
    process.stderr.write(`dx ${service.name}: ${line}\n`);
    process.exit(1);
  };
  const start = async () => {
    const config = loadConfig();
    const logger = createLogger(service.name, config.logLevel);

    const problems = await preflight(config);
    if (problems.length > 0) fail(problems.map((problem) => problem.message).join(' Also: '));

    const { created, applied } = await prepareDatabase(config.databaseUrl).catch((error: unknown) =>
      fail(`could not prepare the database at ${redactUrl(config.databaseUrl)} (${describeError(error)})`),
    );
    if (created || applied.length > 0) logger.info({ created, applied }, 'database migrated');

    const app = await service.createApp(config, logger);
    // useProcessExit: exit 0 once closed, instead of Nest re-raising the signal (which exits 143).
    app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
    await app.listen(service.port(config), config.httpHost);
    logger.info({ url: await app.getUrl() }, `${service.name} listening`);
    // Started by the launcher: when it goes away, however it went, stop too rather than linger.
    if (process.send) {
      process.once('disconnect', () => {
        logger.info('the launcher is gone; stopping');
        void app.close().finally(() => process.exit(0));
      });
    }
  };
  start().catch((error: unknown) => fail(`failed to start (${describeError(error)})`));
}
