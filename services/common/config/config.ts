/** Configuration read once from the environment, with defaults that point at the local standard ports. */
import path from 'node:path';
import { repoRoot } from './repo-root.js';
import { nonNegativeInteger, positiveInteger } from './env-integer.js';
import { loadDatabaseSettings, type DatabaseSettings } from './database-settings.js';
import { loadIngestLimits, type IngestLimits } from './ingest-limits.js';

export interface DxConfig {
  databaseUrl: string;
  natsUrl: string;
  httpPort: number;
  httpHost: string;
  registryPort: number;
  /** The simulation service's HTTP port (SIM_PORT): it listens there, the launcher looks there. */
  simulationPort: number;
  /** Where `dx` finds the registry's HTTP API. */
  registryUrl: string;
  /** The identities file: who may call, with the SHA-256 of their tokens. */
  identitiesFile: string;
  maxPayloadBytes: number;
  logLevel: string;
  /** How often the gateway anchors the event store (`dx audit anchor`); 0: never. */
  anchorIntervalSeconds: number;
  /** How often each gateway announces the store's fence and head on dx.head (ms); 0: never. */
  headIntervalMs: number;
  /** A cached latest value older than this (ms) is checked against the store before it is served. */
  cacheRevalidateMs: number;
  /** Most bytes of events in one replay page (the page is also kept under the bus's max_payload). */
  replayPageBytes: number;
  /** What a producer may send (docs/operations.md#limits). */
  limits: IngestLimits;
  /** Pool size, timeouts and keepalive of the services' PostgreSQL connections. */
  db: DatabaseSettings;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/dx';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
/** The plant's MQTT broker (MQTT_URL) when none is named: the edges and the demo launcher use it. */
export const DEFAULT_MQTT_URL = 'mqtt://127.0.0.1:1883';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): DxConfig {
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    natsUrl: env.NATS_URL || DEFAULT_NATS_URL,
    httpPort: positiveInteger(env, 'PORT', 8080),
    httpHost: env.HOST || '127.0.0.1',
    registryPort: positiveInteger(env, 'REGISTRY_PORT', 8081),
    simulationPort: positiveInteger(env, 'SIM_PORT', 8082),
    registryUrl: env.DX_REGISTRY_URL || `http://127.0.0.1:${positiveInteger(env, 'REGISTRY_PORT', 8081)}`,
    identitiesFile: env.DX_IDENTITIES || path.join(repoRoot(), 'deploy', 'identities.dev.json'),
    maxPayloadBytes: positiveInteger(env, 'DX_MAX_PAYLOAD_BYTES', 256 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    anchorIntervalSeconds: nonNegativeInteger(env, 'DX_ANCHOR_INTERVAL_S', 0),
    headIntervalMs: nonNegativeInteger(env, 'DX_HEAD_INTERVAL_MS', 1000),
    cacheRevalidateMs: nonNegativeInteger(env, 'DX_CACHE_REVALIDATE_MS', 1000),
    replayPageBytes: positiveInteger(env, 'DX_REPLAY_PAGE_BYTES', 512 * 1024),
    limits: loadIngestLimits(env),
    db: loadDatabaseSettings(env),
  };
}
