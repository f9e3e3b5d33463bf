/** Configuration read once from the environment, with defaults that point at the local standard ports. */
import path from 'node:path';
import { repoRoot } from './repo-root.js';
import { nonNegativeInteger, positiveInteger } from './env-integer.js';

export interface DxConfig {
  databaseUrl: string;
  natsUrl: string;
  httpPort: number;
  httpHost: string;
  registryPort: number;
  /** Where `dx` finds the registry's HTTP API. */
  registryUrl: string;
  /** The identities file: who may call, with the SHA-256 of their tokens. */
  identitiesFile: string;
  maxPayloadBytes: number;
  logLevel: string;
  /** How often the gateway anchors the event store (`dx audit anchor`); 0: never. */
  anchorIntervalSeconds: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/dx';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): DxConfig {
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    natsUrl: env.NATS_URL || DEFAULT_NATS_URL,
    httpPort: positiveInteger(env, 'PORT', 8080),
    httpHost: env.HOST || '127.0.0.1',
    registryPort: positiveInteger(env, 'REGISTRY_PORT', 8081),
    registryUrl: env.DX_REGISTRY_URL || `http://127.0.0.1:${positiveInteger(env, 'REGISTRY_PORT', 8081)}`,
    identitiesFile: env.DX_IDENTITIES || path.join(repoRoot(), 'deploy', 'identities.dev.json'),
    maxPayloadBytes: positiveInteger(env, 'DX_MAX_PAYLOAD_BYTES', 256 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    anchorIntervalSeconds: nonNegativeInteger(env, 'DX_ANCHOR_INTERVAL_S', 0),
  };
}
