/**
 * How every edge process starts and stops: settings from the environment, the mapping file from
 * `--mapping FILE` (or DX_EDGE_MAPPING, else the demo's), the adapter started, /health and /metrics on
 * DX_EDGE_PORT when set; SIGTERM or SIGINT (or the launcher going away) closes the adapter, which
 * stops reading from the plant and lets the buffer keep what the hub has not taken, and exits 0. A
 * failure to start is one line on stderr and exit code 1.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { repoRoot } from '../../common/config/repo-root.js';
import { describeError } from '../../common/errors/describe-error.js';
import { createLogger } from '../../common/logging/create-logger.js';
import { serveEdgeHttp, type EdgeHealth } from './edge-http.js';
import { flushTracing, startTracing } from '../../common/tracing/start-tracing.js';
import { createMetricsRegistry } from '../../common/metrics/create-metrics-registry.js';
import { EdgeMetrics } from './edge-metrics.js';
import { loadEdgeSettings, type EdgeSettings } from './edge-settings.js';

export interface RunningEdge {
  health(): EdgeHealth;
  close(): Promise<void>;
}

export interface EdgeStart {
  settings: EdgeSettings;
  mappingFile: string;
  logger: Logger;
  metrics: EdgeMetrics;
}

export interface EdgeDefinition {
  /** The process's name in logs and messages, e.g. `mqtt bridge`. */
  name: string;
  /** The adapter label of metrics: mqtt, sparkplug, opcua, plant, vr. */
  adapter: string;
  /** The mapping used without --mapping, relative to the repository. */
  defaultMapping: string;
  start: (start: EdgeStart) => Promise<RunningEdge>;
}

/** Closing may wait for the hub's answers to messages in flight; after this the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export function runEdge(definition: EdgeDefinition): void {
  const fail = (line: string): never => {
    process.stderr.write(`dx ${definition.name}: ${line}\n`);
    process.exit(1);
  };
  let running: RunningEdge | undefined;
  let closeHttp: (() => Promise<void>) | undefined;
  let stopping = false;
  const stop = (why?: string) => {
    if (stopping) return;
    stopping = true;
    if (why) process.stderr.write(`dx ${definition.name}: ${why}; stopping\n`);
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    void (async () => {
      await closeHttp?.().catch(() => undefined);
      await running?.close().catch((error: unknown) => process.stderr.write(`${describeError(error)}\n`));
      await flushTracing().catch(() => undefined);
      process.exit(0);
    })();
  };
  if (process.send) {
    if (process.connected) process.once('disconnect', () => stop('the launcher is gone'));
    else stop('the launcher is gone');
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop());

  const start = async () => {
    const settings = loadEdgeSettings();
    startTracing(`dx-edge-${definition.adapter}`);
    const logger = createLogger(definition.name, settings.logLevel);
    const metrics = new EdgeMetrics(definition.adapter, createMetricsRegistry());
    const mappingFile = mappingFileOf(process.argv.slice(2), definition.defaultMapping);
    running = await definition.start({ settings, mappingFile, logger, metrics });
    if (stopping) return void (await running.close());
    if (settings.httpPort > 0) {
      const http = await serveEdgeHttp(settings.httpPort, process.env.HOST || '127.0.0.1', metrics, () =>
        running!.health(),
      );
      closeHttp = http.close;
      logger.info({ url: http.url }, `${definition.name} serving /health and /metrics`);
    }
    logger.info({ mapping: mappingFile }, `${definition.name} running`);
  };
  start().catch((error: unknown) => fail(`failed to start (${describeError(error)})`));
}

function mappingFileOf(args: string[], fallback: string): string {
  const at = args.indexOf('--mapping');
  const given = at >= 0 ? args[at + 1] : process.env.DX_EDGE_MAPPING;
  return path.resolve(given || path.join(repoRoot(), fallback));
}
