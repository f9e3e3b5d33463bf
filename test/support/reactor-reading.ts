/** A valid scada.reactor-telemetry 1.0.0 payload for one reactor, for tests that publish telemetry. */
export function reactorReading(equipment: string, temperature: number | string) {
  return {
    equipment,
    tag: 'TI-101',
    temperature,
    pressure: 7.8,
    flowRate: 420,
    quality: 'good',
    sourceTimestamp: '2026-11-22T08:00:00.000Z',
  };
}
