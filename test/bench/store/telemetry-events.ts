/**
 * The benchmark's workload: plant telemetry readings of about 200 bytes of JSON each, spread at random
 * over a fixed number of reactor streams of one contract. Generated up front and deterministically, so
 * no timed section pays for it and every run writes the same data.
 */
import { randomUUID } from 'node:crypto';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { mulberry32, round } from '../seeded-random.js';

export const TELEMETRY_CONTRACT = 'scada.reactor-telemetry';
export const TELEMETRY_VERSION = '1.2.0';
export const TELEMETRY_PRODUCER = 'scada';

const QUALITIES = ['GOOD', 'GOOD', 'GOOD', 'GOOD', 'UNCERTAIN', 'BAD'] as const;

export function telemetryEvents(count: number, streams: number, seed = 20261122): AppendRequest[] {
  const random = mulberry32(seed);
  const start = Date.UTC(2026, 10, 22, 3, 0, 0);
  const events: AppendRequest[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const unit = `RX-${String(1 + Math.floor(random() * streams)).padStart(4, '0')}`;
    events[i] = {
      contractId: TELEMETRY_CONTRACT,
      contractVersion: TELEMETRY_VERSION,
      key: unit,
      producer: TELEMETRY_PRODUCER,
      msgId: randomUUID(),
      payload: {
        plant: 'north-works',
        tag: `${unit}.TT-${100 + Math.floor(random() * 40)}`,
        temperatureC: round(230 + random() * 40, 2),
        pressureBar: round(11 + random() * 3, 3),
        flowM3h: round(30 + random() * 15, 3),
        setpointC: 250,
        quality: QUALITIES[Math.floor(random() * QUALITIES.length)],
        alarm: random() < 0.01,
        sourceTimestamp: new Date(start + i * 5).toISOString(),
      },
    };
  }
  return events;
}
