/** The history projection's settings, from the environment (docs/operations.md#history). */
import { nonNegativeInteger, positiveInteger } from '../config/env-integer.js';

export interface HistorySettings {
  /** Whether this process projects the log into history samples (DX_HISTORY_PROJECTION, 1 or 0). */
  project: boolean;
  /** How often the projector looks for new events, in ms (DX_HISTORY_INTERVAL_MS). */
  intervalMs: number;
  /** Most events projected in one transaction (DX_HISTORY_BATCH). */
  batch: number;
  /** Days of raw samples kept before they are rolled up into minutes; 0 keeps them (DX_HISTORY_RAW_DAYS). */
  rawDays: number;
  /** Days of one-minute rollups kept; 0 keeps them (DX_HISTORY_MINUTE_DAYS). */
  minuteDays: number;
  /** Most buckets one history query may ask for (DX_HISTORY_MAX_BUCKETS). */
  maxBuckets: number;
}

export function historySettings(env: NodeJS.ProcessEnv = process.env): HistorySettings {
  const project = env.DX_HISTORY_PROJECTION ?? '1';
  if (project !== '0' && project !== '1') {
    throw new Error(`DX_HISTORY_PROJECTION must be 1 or 0, got "${project}"`);
  }
  return {
    project: project === '1',
    intervalMs: positiveInteger(env, 'DX_HISTORY_INTERVAL_MS', 250),
    batch: positiveInteger(env, 'DX_HISTORY_BATCH', 5000),
    rawDays: nonNegativeInteger(env, 'DX_HISTORY_RAW_DAYS', 0),
    minuteDays: nonNegativeInteger(env, 'DX_HISTORY_MINUTE_DAYS', 0),
    maxBuckets: positiveInteger(env, 'DX_HISTORY_MAX_BUCKETS', 10_000),
  };
}
