/** This store's append rate: concurrent producers, one event per call, each acked after its group commit. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../services/common/db/schema.js';
import { EventStore, type EventStoreOptions } from '../../../services/common/event-store/event-store.js';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';
import { measure, type Measurement } from './measurement.js';
import { runProducers } from './run-producers.js';

export interface StoreAppendOptions {
  producers: number;
  maxBatch: number | undefined;
  concurrency: number | undefined;
  parallelFrom: number | undefined;
}

/** The group-commit settings the bench was given; the store's own defaults for the rest. */
export function groupCommitSettings(options: StoreAppendOptions): Partial<EventStoreOptions> {
  return {
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.parallelFrom === undefined ? {} : { parallelFrom: options.parallelFrom }),
  };
}

export async function measureStoreAppend(
  db: Kysely<DB>,
  warmup: AppendRequest[],
  events: AppendRequest[],
  options: StoreAppendOptions,
): Promise<Measurement> {
  let transactions = 0;
  const store = new EventStore(db, {
    ...groupCommitSettings(options),
    onCommit: () => transactions++,
  });
  const appendAll = (batch: AppendRequest[]) =>
    runProducers(options.producers, batch.length, (i) => store.append(batch[i]!));

  await appendAll(warmup);
  transactions = 0;
  return measure('store append', async () => {
    await appendAll(events);
    return {
      count: events.length,
      notes: [`${transactions} commits, ${(events.length / transactions).toFixed(1)} events each`],
    };
  });
}
