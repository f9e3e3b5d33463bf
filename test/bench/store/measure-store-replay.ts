/**
 * Replay through the store: every event in global order behind the visibility fence, page by page.
 * Two ways: as envelope text (readAllLines, what `dx replay` and catch-up serve, the figure reported)
 * and as envelope objects (readAll, for code that works on the events; printed beside it).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../services/common/db/schema.js';
import { EventStore } from '../../../services/common/event-store/event-store.js';
import { measure, type Measurement } from './measurement.js';

export async function measureStoreReplay(
  db: Kysely<DB>,
  pageSize: number | undefined,
  warmupEvents: number,
): Promise<Measurement> {
  const store = new EventStore(db);
  await replayLines(store, pageSize, warmupEvents);
  return measure('store replay (readAllLines)', async () => {
    const count = await replayLines(store, pageSize, Infinity);
    return { count, notes: [`pages of ${pageSize ?? 'the store default'}, envelopes as JSON text`] };
  });
}

export async function measureStoreReplayObjects(
  db: Kysely<DB>,
  pageSize: number | undefined,
): Promise<Measurement> {
  const store = new EventStore(db);
  return measure('store replay (readAll, objects)', async () => {
    let count = 0;
    let lastPosition = 0;
    for await (const page of store.readAll({}, 0, pageSize)) {
      for (const event of page) {
        if (event.position <= lastPosition)
          throw new Error(`replay went back from ${lastPosition} to ${event.position}`);
        lastPosition = event.position;
      }
      count += page.length;
    }
    return { count, notes: [`pages of ${pageSize ?? 'the store default'}, envelopes as objects`] };
  });
}

async function replayLines(store: EventStore, pageSize: number | undefined, limit: number): Promise<number> {
  let count = 0;
  for await (const page of store.readAllLines({}, 0, pageSize)) {
    count += page.length;
    if (count >= limit) break;
  }
  return count;
}
