/**
 * The lineage every simulation result carries (sim.results and sim.reactor-forecasts 1.1.0): the hub
 * events it used (the initial state and live inputs read, the twin's telemetry, the saved scenario),
 * the models and functions that made it with their versions (the worker reports them), the worker
 * library's version, and the scenario: its name and version when it was saved, the hash of what ran.
 */
import { SCENARIOS_CONTRACT, requestHash, type ScenarioRef } from '../library/saved-scenario.js';

export type InputRole = 'initial-state' | 'live-input' | 'telemetry' | 'scenario';

/** One event read from the hub, and what for. */
export interface InputEvent {
  contract: string;
  key: string;
  position: number;
  role: InputRole;
}

export interface InputRun {
  contract: string;
  key: string;
  role: InputRole;
  fromPosition: number;
  toPosition: number;
  count: number;
}

/** What the worker says made its results (`lineage` of run and open). */
export interface WorkerLineage {
  library: string;
  models: { instance: string; model: string; version: string }[];
  functions: { id: string; version: string }[];
}

export interface ResultLineage extends WorkerLineage {
  inputs: InputRun[];
  scenario: { name?: string; version?: number; hash: string; overrides?: string[] };
}

/** Events grouped into one run per stream and role, in the order first seen. */
export function inputRuns(events: InputEvent[]): InputRun[] {
  const runs = new Map<string, { run: InputRun; positions: Set<number> }>();
  for (const e of events) {
    const id = JSON.stringify([e.contract, e.key, e.role]);
    const entry = runs.get(id);
    if (!entry) {
      const run = {
        contract: e.contract,
        key: e.key,
        role: e.role,
        fromPosition: e.position,
        toPosition: e.position,
        count: 1,
      };
      runs.set(id, { run, positions: new Set([e.position]) });
      continue;
    }
    entry.positions.add(e.position);
    entry.run.fromPosition = Math.min(entry.run.fromPosition, e.position);
    entry.run.toPosition = Math.max(entry.run.toPosition, e.position);
    entry.run.count = entry.positions.size;
  }
  return [...runs.values()].map((r) => r.run);
}

/**
 * The lineage of results of a request: `ref` when it ran by name (its event is an input too), else
 * the request's own hash.
 */
export function resultLineage(
  worker: WorkerLineage,
  events: InputEvent[],
  request: unknown,
  ref?: ScenarioRef,
): ResultLineage {
  const scenarioEvent: InputEvent[] =
    ref?.name && ref.position
      ? [{ contract: SCENARIOS_CONTRACT, key: ref.name, position: ref.position, role: 'scenario' }]
      : [];
  const scenario = ref
    ? {
        ...(ref.name ? { name: ref.name } : {}),
        ...(ref.version ? { version: ref.version } : {}),
        hash: ref.hash,
        ...(ref.overrides ? { overrides: ref.overrides } : {}),
      }
    : { hash: requestHash(request) };
  return {
    inputs: inputRuns([...scenarioEvent, ...events]),
    models: worker.models,
    functions: worker.functions,
    library: worker.library,
    scenario,
  };
}
