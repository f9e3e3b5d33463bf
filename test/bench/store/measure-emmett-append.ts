/**
 * A published event store on the same server for comparison: Emmett's PostgreSQL store (its own
 * database, its own schema, its default connection pool), driven by the same producers, one event per
 * appendToStream call. Emmett answers two concurrent appends to one stream with a version conflict
 * even when no expected version is given, so a producer retries until its event is in, as a real one
 * would; the retries are counted.
 */
import { isExpectedVersionConflictError } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { measure, type Measurement } from './measurement.js';
import { runProducers } from './run-producers.js';

export async function measureEmmettAppend(
  url: string,
  warmup: AppendRequest[],
  events: AppendRequest[],
  producers: number,
): Promise<Measurement> {
  const store = getPostgreSQLEventStore(url);
  try {
    await store.schema.migrate();
    let conflicts = 0;
    const appendAll = (batch: AppendRequest[]) =>
      runProducers(producers, batch.length, async (i) => {
        while (!(await appendOnce(store, batch[i]!))) conflicts++;
      });
    await appendAll(warmup);
    conflicts = 0;
    return await measure('Emmett appendToStream', async () => {
      await appendAll(events);
      return { count: events.length, notes: [`${conflicts} version conflicts retried`] };
    });
  } finally {
    await store.close();
  }
}

/** False when Emmett refused the append because another one to the same stream got in first. */
async function appendOnce(store: PostgresEventStore, event: AppendRequest): Promise<boolean> {
  try {
    await store.appendToStream(`reactorTelemetry-${event.key}`, [
      {
        type: 'ReactorTelemetryRecorded',
        data: event.payload as Record<string, unknown>,
        metadata: { producer: event.producer, msgId: event.msgId },
      },
    ]);
    return true;
  } catch (error) {
    if (isExpectedVersionConflictError(error)) return false;
    throw error;
  }
}
