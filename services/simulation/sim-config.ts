/**
 * The simulation service's settings, read once from the environment beside the hub's own (its HTTP
 * port, SIM_PORT, is the hub's `simulationPort`: the launcher and the console look for it there).
 */
import path from 'node:path';
import { repoRoot } from '../common/config/repo-root.js';
import { positiveInteger } from '../common/config/env-integer.js';
import { loadHealthSettings, type HealthSettings } from './analytics/health-settings.js';

export interface SimConfig {
  /** Worker processes in the pool (DX_SIM_WORKERS). */
  workers: number;
  /** Requests that may wait for a worker before the pool answers busy (DX_SIM_QUEUE). */
  queueDepth: number;
  /** Deadline of a run when the request gives none (DX_SIM_DEADLINE_MS). */
  deadlineMs: number;
  /** Where `python3 -m dxrunner` runs (DX_SIM_PYTHON_DIR). */
  pythonDir: string;
  /** The Python interpreter (DX_SIM_PYTHON). */
  python: string;
  /**
   * Contracts the simulation may read besides those it is registered to consume in the registry
   * (DX_SIM_READS, comma-separated; none by default).
   */
  readableContracts: string[];
  /** Save the demo's scenarios into the library at start (DX_SIM_DEMO_SCENARIOS=1; off by default). */
  demoScenarios: boolean;
  /** The equipment health loops; none run unless assets are named (see analytics/health-settings.ts). */
  analytics: HealthSettings;
}

export function loadSimConfig(env: NodeJS.ProcessEnv = process.env): SimConfig {
  return {
    workers: positiveInteger(env, 'DX_SIM_WORKERS', 2),
    queueDepth: positiveInteger(env, 'DX_SIM_QUEUE', 64),
    deadlineMs: positiveInteger(env, 'DX_SIM_DEADLINE_MS', 30_000),
    pythonDir: env.DX_SIM_PYTHON_DIR || path.join(repoRoot(), 'python-runner'),
    python: env.DX_SIM_PYTHON || 'python3',
    readableContracts: env.DX_SIM_READS
      ? env.DX_SIM_READS.split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
    demoScenarios: ['1', 'true', 'yes'].includes((env.DX_SIM_DEMO_SCENARIOS ?? '').toLowerCase()),
    analytics: loadHealthSettings(env),
  };
}
