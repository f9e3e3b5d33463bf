/**
 * What a caller sends the service: a scenario in the shape of sim.scenario-requests 1.0.0 (which
 * refuses unknown fields, so the service's own options sit beside it, not in it).
 */

export interface ScenarioModel {
  id: string;
  model: string;
  instance?: string;
  parameters?: Record<string, number>;
  initialState?: Record<string, number>;
}

export interface Scenario {
  scenarioId: string;
  mode: 'static' | 'dynamic' | 'realtime';
  models: ScenarioModel[];
  links?: { from: string; to: string }[];
  stepSeconds?: number;
  horizonSeconds?: number;
  periodSeconds?: number;
  method?: 'rk4' | 'solve_ivp';
}

/** A value read from the hub: the latest event of a contract for a key, at a JSON pointer in its data. */
export interface HubValue {
  contract: string;
  key: string;
  pointer: string;
}

export interface TwinOptions {
  reactor?: string;
  horizonSeconds?: number;
  everySeconds?: number;
  q?: number;
  r?: number;
  /** Where the reactor's telemetry comes from (a scada.reactor-telemetry stream). */
  telemetry?: { contract: string; key: string };
}

export interface SimRequest {
  scenario: Scenario;
  /** Constant inputs, "instance.input": value. */
  inputs?: Record<string, number>;
  /** Inputs read from the hub: once for a run, every tick for a realtime session. */
  live?: Record<string, HubValue>;
  /** Initial state read from the hub's latest values, "instance.state": where. */
  initialFrom?: Record<string, HubValue>;
  /** Read initialFrom (and, in a run, live) as of a past time instead of the latest values. */
  asOf?: { time: string; timeline?: 'recorded' | 'event'; knownAt?: string };
  twin?: TwinOptions;
  /** Keep every n-th sample of a dynamic run. */
  every?: number;
  deadlineMs?: number;
  /** Publish the results as sim.results (always, in a realtime session). */
  publish?: boolean;
  /** The job's or session's id; made up when absent. */
  id?: string;
}
