/**
 * The store's bulk append rate: a few callers, each handing the store 1,000 events per call
 * (EventStore.appendMany, as the gateway does with a batched publish) and awaiting every ack before
 * its next call. The rate to compare with raw COPY, whose fixed cost is amortised the same way.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../services/common/db/schema.js';
import { EventStore } from '../../../services/common/event-store/event-store.js';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { measure, type Measurement } from './measurement.js';
import { runProducers } from './run-producers.js';
import { groupCommitSettings, type StoreAppendOptions } from './measure-store-append.js';

export const BULK_EVENTS_PER_CALL = 1000;

export async function measureStoreBulkAppend(
  db: Kysely<DB>,
  warmup: AppendRequest[],
  events: AppendRequest[],
  options: StoreAppendOptions & { callers: number },
): Promise<Measurement> {
  let transactions = 0;
  const store = new EventStore(db, {
    ...groupCommitSettings(options),
    onCommit: () => transactions++,
  });
  const appendAll = (batch: AppendRequest[]) =>
    runProducers(options.callers, Math.ceil(batch.length / BULK_EVENTS_PER_CALL), async (call) => {
      const slice = batch.slice(call * BULK_EVENTS_PER_CALL, (call + 1) * BULK_EVENTS_PER_CALL);
      const settled = await store.appendMany(slice);
      const failed = settled.find((s) => !s.ok);
      if (failed && !failed.ok) throw failed.error;
    });

  await appendAll(warmup);
  transactions = 0;
  return measure('store bulk append', async () => {
    await appendAll(events);
    return {
      count: events.length,
      notes: [
        `${options.callers} callers, ${BULK_EVENTS_PER_CALL} events per call`,
        `${transactions} commits, ${(events.length / transactions).toFixed(1)} events each`,
      ],
    };
  });
}
