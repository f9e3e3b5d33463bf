/**
 * The ingest benchmark's workload: readings of contract scada.reactor-telemetry 1.0.0 as SCADA
 * publishes them, spread at random over reactors R000..R999 (the contract's key pointer is /equipment).
 * Generated deterministically from a seed, so the producer process and the COPY baseline in the main
 * process build the very same payloads and message ids without sending them to each other.
 */
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { mulberry32, round } from '../seeded-random.js';

export const READING_CONTRACT = 'scada.reactor-telemetry';
export const READING_VERSION = '1.0.0';
export const READING_PRODUCER = 'scada';

const QUALITIES = ['good', 'good', 'good', 'good', 'uncertain', 'bad'] as const;

export interface ReactorReading {
  equipment: string;
  tag: string;
  temperature: number;
  pressure: number;
  flowRate: number;
  quality: (typeof QUALITIES)[number];
  sourceTimestamp: string;
}

export function reactorReadings(count: number, keys: number, seed: number): ReactorReading[] {
  const random = mulberry32(seed);
  const start = Date.UTC(2026, 10, 22, 3, 0, 0);
  const readings = new Array<ReactorReading>(count);
  for (let i = 0; i < count; i++) {
    const reactor = Math.floor(random() * keys);
    readings[i] = {
      equipment: `R${String(reactor).padStart(3, '0')}`,
      tag: `TI-${String(100 + (reactor % 900)).padStart(3, '0')}`,
      temperature: round(230 + random() * 40, 2),
      pressure: round(7 + random() * 2, 3),
      flowRate: round(380 + random() * 80, 1),
      quality: QUALITIES[Math.floor(random() * QUALITIES.length)]!,
      sourceTimestamp: new Date(start + i * 5).toISOString(),
    };
  }
  return readings;
}

/**
 * The message id of request `request` of a run; item `item` of a batch is stored as `<id>:<item>`
 * (docs/wire-protocol.md).
 */
export function readingMsgId(run: string, request: number, item?: number): string {
  return item === undefined ? `${run}-${request}` : `${run}-${request}:${item}`;
}

/** What the gateway appends for a run of batched requests: the rows the COPY baseline writes. */
export function batchedAppends(run: string, readings: ReactorReading[], batchSize: number): AppendRequest[] {
  return readings.map((payload, i) => ({
    contractId: READING_CONTRACT,
    contractVersion: READING_VERSION,
    key: payload.equipment,
    producer: READING_PRODUCER,
    msgId: readingMsgId(run, Math.floor(i / batchSize), i % batchSize),
    payload,
  }));
}
