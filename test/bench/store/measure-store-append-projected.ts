/**
 * The store's append rate while the history projector follows the log in the same process and
 * database (as a gateway runs it): what the projection costs ingest. The projector reads the workload's
 * numeric fields (four per event) from a schema given here, the bench having no registry.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../services/common/db/schema.js';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { HistoryProjector } from '../../../services/common/history/history-projector.js';
import type { JsonSchema } from '../../../services/common/schemas/json-schema.types.js';
import type { Measurement } from './measurement.js';
import { measureStoreAppend, type StoreAppendOptions } from './measure-store-append.js';

const TELEMETRY_SCHEMA: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ['temperatureC', 'pressureBar', 'flowM3h', 'setpointC'].map((name) => [name, { type: 'number' }]),
  ),
};

/** How often the projector looks for new events: the gateway's default (DX_HISTORY_INTERVAL_MS). */
const INTERVAL_MS = 250;

export async function measureStoreAppendProjected(
  db: Kysely<DB>,
  warmup: AppendRequest[],
  events: AppendRequest[],
  options: StoreAppendOptions,
): Promise<{ append: Measurement; projected: number }> {
  const projector = new HistoryProjector(db, () => TELEMETRY_SCHEMA, 5000);
  await projector.catchUp(); // what earlier sections wrote is not this section's cost
  let running = true;
  let projected = 0;
  const loop = (async () => {
    while (running) {
      projected += await projector.catchUp();
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  })();
  try {
    const append = await measureStoreAppend(db, warmup, events, options);
    return { append: { ...append, label: 'store append + history' }, projected };
  } finally {
    running = false;
    await loop;
  }
}
