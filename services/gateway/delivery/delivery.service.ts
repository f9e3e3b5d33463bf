/**
 * After a commit, every stored event goes out on dx.data.<contract>.v<major>.<key> once for each live
 * major of its contract, converted by the contract's transforms where the majors differ. A major that
 * no transform reaches gets nothing, and the count of such misses is kept for the metrics.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import type { ContractState } from '../../registry/lifecycle/registry-state.js';
import { majorOf } from '../../registry/contracts/semver.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';

@Injectable()
export class DeliveryService {
  /** Events a live major could not get, by contract and major. */
  readonly unreachable = new Map<string, number>();
  delivered = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly catalog: ContractCatalog,
  ) {}

  /**
   * Delivers after what was handed in before, so that events leave in commit order even when a
   * conversion of an earlier batch takes longer than a later one.
   */
  deliver(contract: ContractState, events: EventEnvelope[]): Promise<void> {
    // The next tick, not this one: the producer's answer and the next group commit go first.
    const delivery = this.queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.publish(contract, events));
    this.queue = delivery.catch(() => undefined);
    return delivery;
  }

  /**
   * Converts everything first, then hands all the messages to NATS in one go: an await between two
   * publishes would let the client flush each message in a socket write of its own (measured: twice as
   * many writes as events, and half the batched throughput; docs/benchmarks.md).
   */
  private async publish(contract: ContractState, events: EventEnvelope[]): Promise<void> {
    const messages: [string, string][] = [];
    for (const major of this.catalog.liveMajors(contract)) {
      for (const event of events) {
        const converted =
          majorOf(event.version) === major ? event : await this.asMajor(contract, event, major);
        if (!converted) {
          const id = `${contract.descriptor.id} v${major}`;
          this.unreachable.set(id, (this.unreachable.get(id) ?? 0) + 1);
          continue;
        }
        messages.push([SUBJECTS.data(event.contract, major, event.key), JSON.stringify(converted)]);
      }
    }
    for (const [subject, body] of messages) this.nats.publish(subject, body);
    this.delivered += messages.length;
  }

  /** The event as data of `major`, or null when no transform reaches it. */
  async asMajor(contract: ContractState, event: EventEnvelope, major: number): Promise<EventEnvelope | null> {
    const from = majorOf(event.version);
    if (from === major) return event;
    const convert = this.catalog.conversion(contract, from, major);
    const target = this.catalog.newestLiveVersion(contract, major);
    if (!convert || !target) return null;
    try {
      const data = (await convert(event.data)) as Record<string, unknown>;
      return { ...event, version: target.version, data };
    } catch {
      return null;
    }
  }
}
