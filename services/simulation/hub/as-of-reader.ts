/**
 * Values "as of" a past time, for a what-if from the plant as it was (initialFrom and, in a run, live
 * inputs): the latest event of a contract's key at that time. It answers like HubReader does, so a run
 * reads the past exactly as it reads the present.
 *
 * Either timeline (design.md), through the store's readStateAt: `recorded` (the default) is what the
 * hub had stored by then; `event` is what was true then by the payloads' own times, late data and
 * corrections included, optionally "as known at" `knownAt`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { readStateAt } from '../../common/event-store/read-state-at.js';
import { TIMELINES, type Timeline } from '../../common/event-store/timeline.js';
import type { HubReader, LatestEvent } from './hub-reader.js';

export { TIMELINES, type Timeline };

export interface AsOf {
  /** ISO 8601 time. */
  time: string;
  /** Which timeline `time` is on; default recorded. */
  timeline?: Timeline;
  /** Event timeline only: count only what the hub had recorded by this ISO 8601 time. */
  knownAt?: string;
}

export class AsOfReader implements HubReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly asOf: AsOf,
  ) {}

  async latest(contract: string, key: string): Promise<LatestEvent | undefined> {
    const [event] = await readStateAt(this.db, {
      contractId: contract,
      key,
      at: new Date(this.asOf.time),
      timeline: this.asOf.timeline ?? 'recorded',
      knownAt: this.asOf.knownAt === undefined ? undefined : new Date(this.asOf.knownAt),
    });
    return event && { position: event.position, data: event.data };
  }
}
