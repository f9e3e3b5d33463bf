/**
 * Latest value per contract and key: in memory, and in the stream heads the store writes in the same
 * transaction as the events, so a restarted gateway answers at once from the database. A value is given
 * only to a reader that may read its contract (ReadAccess).
 *
 * How fresh a value is, exactly:
 * - this gateway's own commits replace the value at once;
 * - other gateways say which keys a commit moved, and to which stream position (dx.cache.changed, one
 *   message per tick); a value below that position is forgotten, and a read from the store that was
 *   under way meanwhile is not kept unless it reached that position;
 * - that message travels over core NATS and can be lost (a gateway that dies between its commit and
 *   its announcement, a bus that drops it, this gateway's line down, when the whole cache is dropped):
 *   so a value is served from memory only for DX_CACHE_REVALIDATE_MS (1000 by default) after it was last
 *   known to be the head; an older one is checked against dx.streams (one index lookup) first.
 * A value served is therefore the stream's head as of at most DX_CACHE_REVALIDATE_MS ago, or newer.
 *
 * "Latest" is the last event recorded (the stream's head) on the recorded timeline, the default. A
 * reading that arrives late (an edge emptying its buffer) is recorded last and so is that value. On the
 * event timeline (`timeline: event`) the latest value is the one with the newest event time, corrections
 * applied: late data takes its place in the past and never displaces a fresher reading. That answer comes
 * from the store each time (readStateAt, one index lookup on the event-time index), not from memory.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { maxReplyBytes } from '../../common/nats/respond-safely.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { CACHE_REVALIDATE_MS } from './cache.tokens.js';
import { readHeadPosition, readLatest } from './latest-values.repository.js';
import { readStateAt } from '../../common/event-store/read-state-at.js';
import type { Timeline } from '../../common/event-store/timeline.js';

const MAX_ENTRIES = 100_000;
/** The latest JavaScript date: every event time is before it. */
const END_OF_TIME = new Date(8.64e15);

/** A moved key as announced: contract, key, and the stream position it moved to (absent from older gateways). */
type Moved = [string, string, number?];

interface Entry {
  event: EventEnvelope;
  /** When the value was last known to be the stream's head (ms since the epoch). */
  checkedAt: number;
}

/** A read from the store under way for a key, and the highest position announced meanwhile. */
interface Reading {
  readers: number;
  movedTo: number;
}

@Injectable()
export class LatestValuesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly values = new Map<string, Entry>();
  private readonly reading = new Map<string, Reading>();
  private readonly instance = randomUUID();
  private subscription?: Subscription;
  private following = true;
  /** Keys moved since the last announcement: announced together, once a tick. */
  private moved: Moved[] = [];

  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly access: ReadAccess,
    @Inject(CACHE_REVALIDATE_MS) private readonly revalidateMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.subscribe(SUBJECTS.cacheChanged, {
      callback: (error, msg) => {
        if (error) return;
        try {
          const change = msg.json<{ instance: string; keys: Moved[] }>();
          if (change.instance === this.instance) return;
          for (const [contract, key, streamPosition] of change.keys)
            this.forget(id(contract, key), streamPosition ?? Number.MAX_SAFE_INTEGER);
        } catch {
          // Not an announcement of ours: nothing to forget.
        }
      },
    });
    void this.followLine();
  }

  onApplicationShutdown(): void {
    this.following = false;
    this.subscription?.unsubscribe();
  }

  /** After a commit: remember the new values here and tell the other gateways. */
  stored(events: EventEnvelope[]): void {
    if (events.length === 0) return;
    const now = Date.now();
    for (const event of events) this.keep(event, now);
    if (this.moved.length === 0) setImmediate(() => this.announce());
    for (const e of events) this.moved.push([e.contract, e.key, e.streamPosition]);
  }

  /**
   * One message for all the commits of a tick, not one per publish; each key once (at its highest
   * position), and as many messages as it takes for each to fit in the bus's max_payload (a batch of
   * 100,000 events would not fit in one).
   */
  private announce(): void {
    const highest = new Map<string, Moved>();
    for (const moved of this.moved) {
      const known = highest.get(id(moved[0], moved[1]));
      if (!known || (known[2] ?? 0) < (moved[2] ?? 0)) highest.set(id(moved[0], moved[1]), moved);
    }
    this.moved = [];
    for (const chunk of chunksWithin([...highest.values()], maxReplyBytes(this.nats) - 100)) {
      try {
        this.nats.publish(SUBJECTS.cacheChanged, JSON.stringify({ instance: this.instance, keys: chunk }));
      } catch {
        // The bus is closing or gone: a peer that misses this checks its value against the store once it
        // is DX_CACHE_REVALIDATE_MS old (as when a message is lost on the way).
      }
    }
  }

  async get(
    reader: Identity,
    contract: string,
    key: string,
    timeline: Timeline = 'recorded',
  ): Promise<EventEnvelope> {
    await this.access.check(reader, contract);
    if (timeline === 'event') {
      const [newest] = await readStateAt(this.db, { contractId: contract, key, at: END_OF_TIME, timeline });
      if (!newest) throw notFound(contract, key);
      return newest;
    }
    const cacheId = id(contract, key);
    const cached = this.values.get(cacheId);
    if (cached && Date.now() - cached.checkedAt < this.revalidateMs) return cached.event;
    const latest = await this.read(cacheId, async () => {
      // Checked first by its position alone: one index lookup, no payload, when nothing moved.
      if (cached && (await readHeadPosition(this.db, contract, key)) === cached.event.streamPosition)
        return cached.event;
      return readLatest(this.db, contract, key);
    });
    if (!latest) throw notFound(contract, key);
    return latest;
  }

  /**
   * Reads a key's head from the store and keeps it, unless another gateway announced a later position
   * of that key while the read was under way (the read may have started before that commit).
   */
  private async read(
    cacheId: string,
    work: () => Promise<EventEnvelope | null>,
  ): Promise<EventEnvelope | null> {
    const started = Date.now();
    const reading = this.reading.get(cacheId) ?? { readers: 0, movedTo: 0 };
    reading.readers++;
    this.reading.set(cacheId, reading);
    try {
      const latest = await work();
      if (latest && latest.streamPosition >= reading.movedTo) this.keep(latest, started);
      return latest;
    } finally {
      if (--reading.readers === 0) this.reading.delete(cacheId);
    }
  }

  /** Keeps a value known to be the head at `checkedAt`, unless a later one is kept already. */
  private keep(event: EventEnvelope, checkedAt: number): void {
    const cacheId = id(event.contract, event.key);
    const current = this.values.get(cacheId);
    if (current && current.event.streamPosition > event.streamPosition) return;
    if (!current && this.values.size >= MAX_ENTRIES) this.values.delete(this.values.keys().next().value!);
    this.values.set(cacheId, { event, checkedAt });
  }

  /** Another gateway moved a key to `streamPosition`: forget what is below it, and spoil reads under way. */
  private forget(cacheId: string, streamPosition: number): void {
    const current = this.values.get(cacheId);
    if (current && current.event.streamPosition < streamPosition) this.values.delete(cacheId);
    const reading = this.reading.get(cacheId);
    if (reading) reading.movedTo = Math.max(reading.movedTo, streamPosition);
  }

  /** While the line is down, announcements are lost: when it is back, nothing kept can be trusted. */
  private async followLine(): Promise<void> {
    for await (const status of this.nats.status()) {
      if (!this.following) return;
      if (status.type !== 'disconnect' && status.type !== 'reconnect') continue;
      this.values.clear();
      for (const reading of this.reading.values()) reading.movedTo = Number.MAX_SAFE_INTEGER;
    }
  }
}

/** Consecutive slices of the keys whose JSON stays under `bytes` each. */
function chunksWithin(keys: Moved[], bytes: number): Moved[][] {
  const chunks: Moved[][] = [];
  let chunk: Moved[] = [];
  let size = 0;
  for (const key of keys) {
    const length = Buffer.byteLength(JSON.stringify(key)) + 1;
    if (chunk.length > 0 && size + length > bytes) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(key);
    size += length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function notFound(contract: string, key: string): DxError {
  return new DxError('NOT_FOUND', `no value of ${contract} for key ${key} has been stored`, {
    contract,
    key,
  });
}

function id(contract: string, key: string): string {
  return `${contract}\u001f${key}`;
}
