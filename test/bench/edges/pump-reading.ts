/** The benchmark's plant-like MQTT message: one pump's reading as the demo plant publishes it. */
export const BENCH_TOPIC = (pump: number) => `plant/bench/pump/P${String(pump % 1000).padStart(3, '0')}`;

export const BENCH_MAPPING = `
edge: bench-bridge
producer: scada
inbound:
  - topic: plant/+/pump/+
    contract: scada.pump-telemetry
    version: 1.0.0
    key: /levels/3
    fields:
      equipment: /levels/3
      flow: /payload/flow
      dischargePressure: /payload/dischargePressure
      speed: /payload/speed
      power: /payload/power
      vibration: /payload/vibration
      quality: /payload/quality
      sourceTimestamp: /payload/ts
`;

/**
 * Reading number `n` of a run (unique, so no two messages are alike and the bridge stores each): its
 * timestamp is n ms after the run's base, and `speed` carries n modulo 4000, so a consumer can match a
 * delivery to its send within a window of 4000 in flight.
 */
export function pumpReading(n: number): string {
  return JSON.stringify({
    flow: 60 + (n % 50) / 10,
    dischargePressure: 0.45,
    speed: n % 4000,
    power: 4.6,
    vibration: 2.1,
    quality: 'good',
    ts: new Date(Date.UTC(2026, 10, 22, 8) + n).toISOString(),
  });
}
