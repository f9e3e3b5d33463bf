/**
 * The settings every edge process reads from the environment, beside its mapping file. Each is a named
 * limit or address with a default that points at the local standard servers (docs/edges.md).
 */
import path from 'node:path';
import { repoRoot } from '../../common/config/repo-root.js';
import { nonNegativeInteger, positiveInteger } from '../../common/config/env-integer.js';
import { DEFAULT_MQTT_URL, DEFAULT_NATS_URL } from '../../common/config/config.js';

export interface EdgeSettings {
  /** The hub's bus (NATS_URL); the user in it, if any, should be the mapping's producer. */
  natsUrl: string;
  /** The plant's MQTT broker (MQTT_URL). */
  mqttUrl: string;
  /** Where an edge keeps its store-and-forward buffer and its checkpoints (DX_EDGE_STATE_DIR). */
  stateDir: string;
  /** HTTP port of /health and /metrics (DX_EDGE_PORT); 0: none. */
  httpPort: number;
  /** Plant messages being worked on at once before the edge stops reading more (DX_EDGE_MAX_INFLIGHT). */
  maxInflight: number;
  /** Plant messages the MQTT bridge sends in one hub request at most (DX_EDGE_BATCH_ITEMS; 1: no batches). */
  batchItems: number;
  /** The MQTT bridge's hub requests of one contract version in flight at once (DX_EDGE_BATCH_CONCURRENCY). */
  batchConcurrency: number;
  /** Raw bytes of a refused message kept in its refusal record (DX_EDGE_REFUSAL_MAX_BYTES). */
  refusalMaxBytes: number;
  logLevel: string;
}

export function loadEdgeSettings(env: NodeJS.ProcessEnv = process.env): EdgeSettings {
  return {
    natsUrl: env.NATS_URL || DEFAULT_NATS_URL,
    mqttUrl: env.MQTT_URL || DEFAULT_MQTT_URL,
    stateDir: env.DX_EDGE_STATE_DIR || path.join(repoRoot(), '.dx', 'edges'),
    httpPort: nonNegativeInteger(env, 'DX_EDGE_PORT', 0),
    maxInflight: positiveInteger(env, 'DX_EDGE_MAX_INFLIGHT', 256),
    batchItems: positiveInteger(env, 'DX_EDGE_BATCH_ITEMS', 100),
    batchConcurrency: positiveInteger(env, 'DX_EDGE_BATCH_CONCURRENCY', 4),
    refusalMaxBytes: positiveInteger(env, 'DX_EDGE_REFUSAL_MAX_BYTES', 64 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
