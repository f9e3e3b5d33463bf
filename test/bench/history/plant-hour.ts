/**
 * The workload of bench:history: an hour of a plant of N sensors sampled once a second, each sample one
 * event of a contract whose version names its event time, written in batches of one statement each
 * (dx.append_batch, as the group commit does). Values are a deterministic wave per sensor.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../services/common/db/schema.js';
import { appendEvents } from '../../../services/common/event-store/append-events.js';
import { checkAppend } from '../../../services/common/event-store/check-append.js';
import type { JsonSchema } from '../../../services/common/schemas/json-schema.types.js';

export const SENSOR_CONTRACT = 'scada.sensor-readings';
export const SENSOR_VERSION = '1.0.0';
export const HOUR_START = Date.UTC(2026, 10, 22, 8, 0, 0);

/** The contract version the projection reads fields from (no registry in the bench's database). */
export const SENSOR_SCHEMA: JsonSchema = {
  type: 'object',
  'x-event-time': '/sourceTimestamp',
  properties: {
    tag: { type: 'string' },
    value: { type: 'number', 'x-unit': 'Cel' },
    sourceTimestamp: { type: 'string', format: 'date-time' },
  },
};

export const sensorKey = (sensor: number) => `TI-${String(sensor).padStart(4, '0')}`;

export function valueOf(sensor: number, second: number): number {
  return Math.round((200 + sensor / 10 + 25 * Math.sin((second + sensor) / 300)) * 100) / 100;
}

export async function writePlantHour(
  db: Kysely<DB>,
  sensors: number,
  seconds: number,
  onProgress: (written: number) => void,
): Promise<number> {
  const perBatch = Math.max(1, Math.floor(4000 / sensors)) * sensors;
  let written = 0;
  let batch = [];
  for (let second = 0; second < seconds; second++) {
    const at = new Date(HOUR_START + second * 1000).toISOString();
    for (let sensor = 1; sensor <= sensors; sensor++) {
      const key = sensorKey(sensor);
      batch.push(
        checkAppend(
          {
            contractId: SENSOR_CONTRACT,
            contractVersion: SENSOR_VERSION,
            key,
            producer: 'scada',
            msgId: `${key}-${second}`,
            payload: { tag: key, value: valueOf(sensor, second), sourceTimestamp: at },
            eventTime: at,
          },
          4096,
        ),
      );
      if (batch.length === perBatch) {
        await appendEvents(db, batch, { lookUpStored: false });
        written += batch.length;
        batch = [];
        onProgress(written);
      }
    }
  }
  if (batch.length > 0) await appendEvents(db, batch, { lookUpStored: false });
  return written + batch.length;
}
