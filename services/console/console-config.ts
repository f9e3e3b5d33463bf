/** The console service's settings, read once from the environment beside the hub's own. */
import path from 'node:path';
import { repoRoot } from '../common/config/repo-root.js';
import { positiveInteger } from '../common/config/env-integer.js';

export interface ConsoleConfig {
  /** HTTP port (CONSOLE_PORT). */
  port: number;
  /** Where the console finds the gateway's HTTP API (DX_GATEWAY_URL). */
  gatewayUrl: string;
  /** Where the console finds the registry's HTTP API (DX_REGISTRY_URL, as for `dx`). */
  registryUrl: string;
  /** Where the console finds the simulation's HTTP API (DX_SIM_URL). */
  simulationUrl: string;
  /** The built front end (DX_CONSOLE_WEB_DIR): what `npm run build` wrote. */
  webDir: string;
  /** Most points one history or series request answers (DX_CONSOLE_HISTORY_LIMIT). */
  historyLimit: number;
  /** Most events one events request answers (DX_CONSOLE_EVENTS_LIMIT): envelopes are larger than points. */
  eventsLimit: number;
  /** Most live streams (browser tabs) open at once (DX_CONSOLE_MAX_STREAMS). */
  maxStreams: number;
  /** Most contract/key subscriptions one live stream may hold (DX_CONSOLE_MAX_SUBSCRIPTIONS). */
  maxSubscriptions: number;
  /** Bytes a slow browser may have waiting on its live stream before it is closed (DX_CONSOLE_STREAM_BACKLOG_BYTES). */
  streamBacklogBytes: number;
}

export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const port = (name: string, fallback: number) => positiveInteger(env, name, fallback);
  return {
    port: port('CONSOLE_PORT', 8083),
    gatewayUrl: env.DX_GATEWAY_URL || `http://127.0.0.1:${port('PORT', 8080)}`,
    registryUrl: env.DX_REGISTRY_URL || `http://127.0.0.1:${port('REGISTRY_PORT', 8081)}`,
    simulationUrl: env.DX_SIM_URL || `http://127.0.0.1:${port('SIM_PORT', 8082)}`,
    webDir: env.DX_CONSOLE_WEB_DIR || path.join(repoRoot(), 'dist', 'console'),
    historyLimit: positiveInteger(env, 'DX_CONSOLE_HISTORY_LIMIT', 200_000),
    eventsLimit: positiveInteger(env, 'DX_CONSOLE_EVENTS_LIMIT', 20_000),
    maxStreams: positiveInteger(env, 'DX_CONSOLE_MAX_STREAMS', 200),
    maxSubscriptions: positiveInteger(env, 'DX_CONSOLE_MAX_SUBSCRIPTIONS', 32),
    streamBacklogBytes: positiveInteger(env, 'DX_CONSOLE_STREAM_BACKLOG_BYTES', 8 * 1024 * 1024),
  };
}
