/**
 * The bulk-write ceiling for batched publishes: the rows the gateway stored in the batched section
 * (same payloads, keys, message ids and positions), encoded in advance and sent as one COPY ... FROM
 * STDIN into a bare copy of dx.events. bench:store's COPY section, with this run's rows.
 */
import type pg from 'pg';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { copyRows, eventRows } from '../store/copy-rows.js';
import { measureCopyFrom } from '../store/measure-copy-from.js';
import type { Section } from './section.js';

export async function measureRawCopy(
  pool: pg.Pool,
  warmup: AppendRequest[],
  events: AppendRequest[],
): Promise<Section> {
  const [warmupRows, rows] = copyRows(eventRows([warmup, events], new Date()));
  const copy = await measureCopyFrom(pool, warmupRows!, rows!);
  return {
    label: 'raw COPY FROM STDIN',
    events: copy.count,
    seconds: copy.seconds,
    perSecond: copy.perSecond,
    cpu: { bench: copy.nodeCpuSeconds, postgres: copy.postgresCpuSeconds ?? 0 },
    notes: copy.notes,
  };
}
