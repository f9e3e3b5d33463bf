/** Scenarios the simulation page offers to start, as editable requests (sim.scenario-requests plus options). */
export interface ScenarioPreset {
  name: string;
  description: string;
  request: Record<string, unknown>;
}

export const SCENARIO_PRESETS: ScenarioPreset[] = [
  {
    name: 'Pump P101, realtime',
    description: 'The feed pump P101 stepped once a second, its results published as sim.results.',
    request: {
      id: 'pump-p101',
      scenario: {
        scenarioId: 'pump-p101',
        mode: 'realtime',
        periodSeconds: 1,
        models: [{ id: 'P101', model: 'pump', instance: 'P101', initialState: { Q: 80, rpm: 3000 } }],
      },
    },
  },
  {
    name: 'R101 twin loop',
    description:
      'Reactor R101 estimated and forecast from its live telemetry every period, published as sim.reactor-forecasts.',
    request: {
      id: 'twin-r101',
      scenario: {
        scenarioId: 'twin-r101',
        mode: 'realtime',
        periodSeconds: 1,
        models: [{ id: 'R101', model: 'reactor', instance: 'R101' }],
      },
      twin: {
        reactor: 'R101',
        horizonSeconds: 600,
        everySeconds: 60,
        telemetry: { contract: 'scada.reactor-telemetry', key: 'R101' },
      },
    },
  },
];
