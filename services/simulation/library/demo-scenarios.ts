/**
 * The demo's scenarios (files beside this one): R101 what-if on jacket temperature, P101 start-up and
 * E101 fouling. With DX_SIM_DEMO_SCENARIOS=1 the service saves them into the library as the simulation
 * subsystem when it starts; a save is a no-op when the library has them already.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../common/config/repo-root.js';

export const DEMO_SCENARIOS_DIR = path.join(repoRoot(), 'services', 'simulation', 'library', 'demo');

export function demoScenarios(dir: string = DEMO_SCENARIOS_DIR): { file: string; body: unknown }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: path.join(dir, f),
      body: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown,
    }));
}
