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
import { startTracing } from '../tracing/start-tracing.js';
import { redactUrl } from '../url/redact-url.js';
import { prepareDatabase } from './database/prepare-database.js';
import { preflight } from './preflight/preflight.js';

/** How long a service orphaned by its launcher may spend closing before it exits anyway. */
const SHUTDOWN_GRACE_MS = 5000;

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
  // Started by the launcher: when it goes away, however it went (even SIGKILL, even while this
  // service is still starting), stop too rather than linger.
  let app: INestApplication | undefined;
  if (process.send) {
    const leave = () => {
      process.stderr.write(`dx ${service.name}: the launcher is gone; stopping\n`);
      setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
      void (app ? app.close() : Promise.resolve()).finally(() => process.exit(0));
    };
    if (process.connected) process.once('disconnect', leave);
    else leave();
  }
  const start = async () => {
    const config = loadConfig();
    const logger = createLogger(service.name, config.logLevel);
    startTracing(`dx-${service.name}`);

    const problems = await preflight(config);
    if (problems.length > 0) fail(problems.map((problem) => problem.message).join(' Also: '));

    const { created, applied, autovacuum } = await prepareDatabase(config.databaseUrl).catch(
      (error: unknown) =>
        fail(`could not prepare the database at ${redactUrl(config.databaseUrl)} (${describeError(error)})`),
    );
    if (created || applied.length > 0) logger.info({ created, applied }, 'database migrated');
    if (!autovacuum) {
      logger.warn(
        'autovacuum is off on this PostgreSQL server: the store is never analyzed, so reads may keep plans ' +
          'made on an empty store; turn it on, or run ANALYZE on the dx schema regularly (docs/operations.md)',
      );
    }

    app = await service.createApp(config, logger);
    // useProcessExit: exit 0 once closed, instead of Nest re-raising the signal (which exits 143).
    app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
    await app.listen(service.port(config), config.httpHost);
    logger.info({ url: await app.getUrl() }, `${service.name} listening`);
  };
  start().catch((error: unknown) => fail(`failed to start (${describeError(error)})`));
}
