/**
 * After a commit, every stored event goes out on dx.data.<contract>.v<major>.<key> once for each live
 * major of its contract, converted by the contract's transforms where the majors differ. A major that
 * no transform reaches gets nothing, and the count of such misses is kept for the metrics.
 *
 * Deliveries handed in during one turn of the event loop leave together on the next: all their
 * messages are converted first and then handed to NATS at once, so the client writes them to its
 * socket in one go (nats.js writes once per microtask turn that published). One socket write per
 * commit rather than one per request: measured in docs/benchmarks.md.
 *
 * Live delivery is best effort: a message NATS will not take (the connection closed or draining) is
 * counted, logged and skipped, and the rest of the batch still goes. Subscribers get what was not
 * published from the store (the client reads it when the announced fence passes it, dx.head).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { context, SpanKind, type Context } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { describeError } from '../../common/errors/describe-error.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { inSpan } from '../../common/tracing/in-span.js';
import { headersOfContext } from '../../common/tracing/nats-trace-context.js';
import { tracingOn } from '../../common/tracing/tracer.js';
import { majorOf, type ContractState } from '../../common/registry-state/index.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { GATEWAY_LOGGER } from '../gateway.tokens.js';

interface Pending {
  contract: ContractState;
  events: EventEnvelope[];
  /** The trace context the delivery belongs to, when tracing is on. */
  parent?: Context;
  done: (sent: number) => void;
}

/** The messages of one delivery, ready to hand to NATS. */
interface Outgoing {
  pending: Pending;
  messages: [string, string][];
  headers?: MsgHdrs;
}

@Injectable()
export class DeliveryService {
  /** Events a live major could not get, by contract and major. */
  readonly unreachable = new Map<string, number>();
  delivered = 0;
  /** Messages NATS would not take (over its max_payload, or the connection closed or draining). */
  undeliverable = 0;
  private pending: Pending[] = [];
  /** A turn is scheduled or under way: what is handed in meanwhile waits for the next. */
  private turning = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly catalog: ContractCatalog,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Delivers after what was handed in before, so that events leave in commit order even when a
   * conversion of an earlier batch takes longer than a later one. Resolves with the number of messages
   * handed to NATS; never rejects (a failure is logged and counted).
   */
  deliver(contract: ContractState, events: EventEnvelope[]): Promise<number> {
    const parent = tracingOn() ? context.active() : undefined;
    return new Promise<number>((done) => {
      this.pending.push({ contract, events, parent, done });
      this.schedule();
    });
  }

  /** The next tick, not this one: the producers' answers and the next group commit go first. */
  private schedule(): void {
    if (this.turning || this.pending.length === 0) return;
    this.turning = true;
    setImmediate(() => {
      void this.turn()
        .catch((error: unknown) => this.logger.error({ err: describeError(error) }, 'a delivery turn failed'))
        .finally(() => {
          this.turning = false;
          this.schedule();
        });
    });
  }

  /**
   * Converts every delivery waiting, then hands all their messages to NATS in one go: an await between
   * two publishes would let the client flush each message in a socket write of its own (measured: twice
   * as many writes as events, and half the batched throughput; docs/benchmarks.md).
   */
  private async turn(): Promise<void> {
    const outgoing: Outgoing[] = [];
    for (const pending of this.pending.splice(0)) {
      try {
        outgoing.push(
          pending.parent
            ? await inSpan(
                'deliver',
                {
                  kind: SpanKind.PRODUCER,
                  parent: pending.parent,
                  attributes: { 'dx.contract': pending.contract.descriptor.id },
                },
                async () => ({
                  pending,
                  messages: await this.messagesOf(pending),
                  headers: headersOfContext(),
                }),
              )
            : { pending, messages: await this.messagesOf(pending) },
        );
      } catch (error) {
        this.failed(pending, error);
      }
    }
    let refused: { count: number; first: string; error: unknown } | undefined;
    let sentInTurn = 0;
    for (const { pending, messages, headers } of outgoing) {
      let sent = 0;
      for (const [subject, body] of messages) {
        try {
          this.nats.publish(subject, body, headers && { headers });
          sent++;
        } catch (error) {
          // Over the bus's max_payload, or the bus is closing: this event is not delivered live, and
          // subscribers read it from the store. Each message is tried (and counted) on its own.
          refused ??= { count: 0, first: subject, error };
          refused.count++;
        }
      }
      sentInTurn += sent;
      pending.done(sent);
    }
    this.delivered += sentInTurn;
    if (refused) {
      this.undeliverable += refused.count;
      this.logger.warn(
        {
          published: sentInTurn,
          undeliverable: refused.count,
          first: refused.first,
          err: describeError(refused.error),
        },
        'NATS did not take every message of a delivery; subscribers read those from the store',
      );
    }
  }

  /** The subjects and bodies of one delivery, each event once per live major it reaches. */
  private async messagesOf({ contract, events }: Pending): Promise<[string, string][]> {
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
    return messages;
  }

  /** A delivery that failed outright: counted and logged, answered 0; the rest of the turn still goes. */
  private failed({ contract, events, done }: Pending, error: unknown): void {
    this.undeliverable += events.length;
    this.logger.error(
      {
        contract: contract.descriptor.id,
        events: events.length,
        positions: [events[0]?.position, events.at(-1)?.position],
        err: describeError(error),
      },
      'a delivery failed; subscribers read its events from the store',
    );
    done(0);
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
