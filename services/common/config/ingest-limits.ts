/**
 * What one producer may send, each limit checked before the work it protects, so that no input of any
 * size or shape can crash or stall a gateway. Every one is a setting with its default in
 * docs/operations.md#limits.
 */
import { positiveInteger } from './env-integer.js';

export interface IngestLimits {
  /** Most bytes of one publish body (HTTP or NATS), checked before it is read further or parsed. */
  maxBodyBytes: number;
  /** Most items in one batch, checked after the parse and before any item is validated. */
  maxBatchItems: number;
  /** Deepest nesting of arrays and objects in a body, checked on the raw bytes before the parse. */
  maxJsonDepth: number;
  /** Most validation issues listed in one refusal (the count of all of them is always given). */
  maxIssuesListed: number;
  /** A refused payload longer than this is recorded truncated to it, with its length and SHA-256. */
  rejectionPayloadBytes: number;
  /** Refusals recorded per producer and second; past it they are counted and sampled (operations.md). */
  rejectionsPerSecond: number;
  /** How many refusals a producer may have recorded at once before the rate applies. */
  rejectionsBurst: number;
}

export function loadIngestLimits(env: NodeJS.ProcessEnv): IngestLimits {
  return {
    maxBodyBytes: positiveInteger(env, 'DX_MAX_BODY_BYTES', 16 * 1024 * 1024),
    maxBatchItems: positiveInteger(env, 'DX_MAX_BATCH_ITEMS', 10_000),
    maxJsonDepth: positiveInteger(env, 'DX_MAX_JSON_DEPTH', 64),
    maxIssuesListed: positiveInteger(env, 'DX_MAX_ISSUES_LISTED', 20),
    rejectionPayloadBytes: positiveInteger(env, 'DX_REJECTION_PAYLOAD_BYTES', 16 * 1024),
    rejectionsPerSecond: positiveInteger(env, 'DX_REJECTIONS_PER_S', 100),
    rejectionsBurst: positiveInteger(env, 'DX_REJECTIONS_BURST', 1000),
  };
}
