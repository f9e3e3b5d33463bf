/**
 * Latest value per contract and key: in memory, and in the stream heads the store writes in the same
 * transaction as the events, so a restarted gateway answers at once from the database. Gateways tell
 * each other which keys a commit moved (one message per commit), so no instance serves a stale value.
 * A value is given only to a reader that may read its contract (ReadAccess).
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { readLatest } from './latest-values.repository.js';

const MAX_ENTRIES = 100_000;

@Injectable()
export class LatestValuesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly values = new Map<string, EventEnvelope>();
  private readonly instance = randomUUID();
  private subscription?: Subscription;
  /** Keys moved since the last announcement: announced together, once a tick. */
  private moved: [string, string][] = [];

  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly access: ReadAccess,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.subscribe(SUBJECTS.cacheChanged, {
      callback: (error, msg) => {
        if (error) return;
        const change = msg.json<{ instance: string; keys: [string, string][] }>();
        if (change.instance === this.instance) return;
        for (const [contract, key] of change.keys) this.values.delete(id(contract, key));
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** After a commit: remember the new values here and tell the other gateways. */
  stored(events: EventEnvelope[]): void {
    if (events.length === 0) return;
    for (const event of events) {
      const current = this.values.get(id(event.contract, event.key));
      if (current && current.position > event.position) continue;
      if (this.values.size >= MAX_ENTRIES) this.values.delete(this.values.keys().next().value!);
      this.values.set(id(event.contract, event.key), event);
    }
    if (this.moved.length === 0) setImmediate(() => this.announce());
    for (const e of events) this.moved.push([e.contract, e.key]);
  }

  /** One message for all the commits of a tick, not one per publish. */
  private announce(): void {
    const keys = this.moved;
    this.moved = [];
    if (keys.length > 0)
      this.nats.publish(SUBJECTS.cacheChanged, JSON.stringify({ instance: this.instance, keys }));
  }

  async get(reader: Identity, contract: string, key: string): Promise<EventEnvelope> {
    await this.access.check(reader, contract);
    const cached = this.values.get(id(contract, key));
    if (cached) return cached;
    const latest = await readLatest(this.db, contract, key);
    if (!latest) {
      throw new DxError('NOT_FOUND', `no value of ${contract} for key ${key} has been stored`, {
        contract,
        key,
      });
    }
    this.values.set(id(contract, key), latest);
    return latest;
  }
}

function id(contract: string, key: string): string {
  return `${contract}\u001f${key}`;
}
