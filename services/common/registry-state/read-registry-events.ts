/** The registry's events as recorded in the event store, in global order, after a position. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { readAllEvents } from '../event-store/read-events.js';
import { REGISTRY_CONTRACT, type RecordedRegistryEvent, type RegistryEvent } from './registry-event.types.js';

export async function readRegistryEvents(db: Kysely<DB>, after: number): Promise<RecordedRegistryEvent[]> {
  const out: RecordedRegistryEvent[] = [];
  for await (const page of readAllEvents(db, { contractId: REGISTRY_CONTRACT }, after)) {
    for (const envelope of page) {
      out.push({
        ...(envelope.data as unknown as RegistryEvent),
        at: envelope.recordedAt,
        position: envelope.position,
        streamPosition: envelope.streamPosition,
      });
    }
  }
  return out;
}
