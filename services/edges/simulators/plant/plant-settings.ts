/** The plant simulator's settings (docs/edges.md#the-demo-plant), from the environment. */
import { nonNegativeInteger, positiveInteger } from '../../../common/config/env-integer.js';
import { DEFAULT_MQTT_URL } from '../../../common/config/config.js';

export interface PlantSettings {
  mqttUrl: string;
  /** Sensors sampled per period in all (DX_PLANT_SENSORS): further pumps make up the number. */
  sensors: number;
  /** The sampling period (DX_PLANT_PERIOD_MS). */
  periodMs: number;
  /** OPC UA server port (DX_PLANT_OPCUA_PORT). */
  opcuaPort: number;
  /** HTTP port of the emergency commands and status (DX_PLANT_PORT). */
  httpPort: number;
  /** Chances per sample of a dropout, a spike and an outlier (DX_PLANT_DROPOUT, DX_PLANT_SPIKE, DX_PLANT_OUTLIER). */
  dropout: number;
  spike: number;
  outlier: number;
  /** R101's temperature (and TIC-101 setpoint) at start (DX_PLANT_R101_C). */
  r101Temperature: number;
  /** The Sparkplug host the node watches (DX_PLANT_SPARKPLUG_HOST). */
  sparkplugHost: string;
  stateDir: string;
}

/** Sensors the named equipment has: 2 pumps × 5, 2 exchangers × 5, 2 reactors × 3. */
export const NAMED_SENSORS = 26;

function chance(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value >= 0 && value <= 1))
    throw new Error(`${name} must be a probability between 0 and 1, got "${raw}"`);
  return value;
}

export function loadPlantSettings(env: NodeJS.ProcessEnv, stateDir: string): PlantSettings {
  return {
    mqttUrl: env.MQTT_URL || DEFAULT_MQTT_URL,
    sensors: positiveInteger(env, 'DX_PLANT_SENSORS', 1000),
    periodMs: positiveInteger(env, 'DX_PLANT_PERIOD_MS', 1000),
    opcuaPort: positiveInteger(env, 'DX_PLANT_OPCUA_PORT', 4840),
    httpPort: nonNegativeInteger(env, 'DX_PLANT_PORT', 8090),
    dropout: chance(env, 'DX_PLANT_DROPOUT', 0.002),
    spike: chance(env, 'DX_PLANT_SPIKE', 0.001),
    outlier: chance(env, 'DX_PLANT_OUTLIER', 0.001),
    r101Temperature: positiveInteger(env, 'DX_PLANT_R101_C', 262),
    sparkplugHost: env.DX_PLANT_SPARKPLUG_HOST || 'dx-hub',
    stateDir,
  };
}
