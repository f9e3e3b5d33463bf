/**
 * Settings of the equipment health loops, read from the environment. Naming assets
 * (DX_ANALYTICS_ASSETS=P101,P102) switches the loops on in the simulation service; without it none run.
 */
import { positiveInteger } from '../../common/config/env-integer.js';

export interface HealthSettings {
  /** Pumps assessed, one loop each (DX_ANALYTICS_ASSETS, comma-separated; none by default). */
  assets: string[];
  /** Milliseconds between assessments (DX_ANALYTICS_PERIOD_MS, 5000). */
  periodMs: number;
  /** Samples of each pump the anomaly detector trains on: the first ones the loop reads (DX_ANALYTICS_TRAINING, 60). */
  trainingSamples: number;
  /** Latest samples the remaining-life trend is fitted to (DX_ANALYTICS_WINDOW, 120). */
  windowSamples: number;
  /** Vibration at which a pump counts as failed, mm/s (DX_ANALYTICS_VIBRATION_LIMIT, 7.1: ISO 10816-3 zone D). */
  vibrationLimit: number;
  /** Telemetry events read per assessment at most; more wait for the next period (DX_ANALYTICS_MAX_READ, 5000). */
  maxReadPerTick: number;
  /**
   * NATS URL the loops connect with as the analytics subsystem (DX_ANALYTICS_NATS_URL, e.g.
   * nats://analytics:<password>@host:4222); default: the service's own connection, which only an
   * open bus lets publish analytics.* and read as analytics.
   */
  natsUrl?: string;
}

/** ISO 10816-3, group 2 machines on rigid foundations: the zone C/D boundary, "damage may occur". */
export const DEFAULT_VIBRATION_LIMIT_MM_S = 7.1;

export function loadHealthSettings(env: NodeJS.ProcessEnv = process.env): HealthSettings {
  const limit = env.DX_ANALYTICS_VIBRATION_LIMIT;
  const vibrationLimit = limit === undefined || limit === '' ? DEFAULT_VIBRATION_LIMIT_MM_S : Number(limit);
  if (!(vibrationLimit > 0) || !Number.isFinite(vibrationLimit))
    throw new Error(`DX_ANALYTICS_VIBRATION_LIMIT must be a positive number, got "${limit}"`);
  const assets = (env.DX_ANALYTICS_ASSETS ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const asset of assets) {
    if (!/^P[0-9]{3}$/.test(asset))
      throw new Error(`DX_ANALYTICS_ASSETS names pumps like P101; "${asset}" is not one`);
  }
  const trainingSamples = positiveInteger(env, 'DX_ANALYTICS_TRAINING', 60);
  if (trainingSamples < 8)
    throw new Error('DX_ANALYTICS_TRAINING must be at least 8 (the forest needs 8 rows)');
  return {
    assets: [...new Set(assets)],
    periodMs: positiveInteger(env, 'DX_ANALYTICS_PERIOD_MS', 5000),
    trainingSamples,
    windowSamples: positiveInteger(env, 'DX_ANALYTICS_WINDOW', 120),
    vibrationLimit,
    maxReadPerTick: positiveInteger(env, 'DX_ANALYTICS_MAX_READ', 5000),
    natsUrl: env.DX_ANALYTICS_NATS_URL || undefined,
  };
}
