/**
 * Reads one stream (a contract and key) from the store through the hub, page by page after a global
 * position (dx.replay.<identity>), as a consumer that catches up does: every event, in order, none
 * skipped, and its position for lineage. The hub answers only about contracts the identity may read.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';

interface ReplayReply {
  ok: boolean;
  events?: EventEnvelope[];
  last?: number;
  more?: boolean;
  error?: { code: string; message?: string; details?: unknown };
}

export interface StreamPage {
  events: EventEnvelope[];
  /** Where the next read starts. */
  last: number;
  more: boolean;
}

export class StreamReader {
  constructor(
    private readonly nats: NatsConnection,
    private readonly identity: string,
    private readonly timeoutMs = 5000,
  ) {}

  /** Up to `limit` events of the stream after `after` (at most 5000 per page, the hub's limit). */
  async after(contract: string, key: string, after: number, limit: number): Promise<StreamPage> {
    const events: EventEnvelope[] = [];
    let last = after;
    let more = true;
    while (more && events.length < limit) {
      const page = Math.min(5000, limit - events.length);
      const reply = (
        await this.nats.request(
          SUBJECTS.replay(this.identity),
          JSON.stringify({ contract, key, after: last, limit: page }),
          { timeout: this.timeoutMs },
        )
      ).json<ReplayReply>();
      if (!reply.ok) {
        throw new DxError(
          'SIM_FAILED',
          `the hub would not replay ${contract} ${key} to ${this.identity}: ${reply.error?.message ?? 'no reason given'}`,
          { cause: reply.error?.code, contract, key },
        );
      }
      events.push(...(reply.events ?? []));
      last = reply.last ?? last;
      more = reply.more === true;
    }
    return { events, last, more };
  }
}
