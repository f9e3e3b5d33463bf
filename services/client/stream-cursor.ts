/**
 * What a subscription has delivered: the last stream position per key, and the highest global
 * position. It judges each event against that, which is all the no-gap, no-duplicate logic there is:
 *
 * - a live event is `next` when its stream position is the key's last + 1, `stale` when at or below
 *   the last (already delivered: dropped), and a `gap` otherwise (events were missed: fill them);
 * - an event read from the store (catch-up, fill) is delivered whenever it is above the key's last:
 *   the store's order has no holes a live feed could have, so a jump there is real (events a major
 *   cannot be converted to are never delivered on it).
 *
 * A key the subscription has not seen yet starts at stream position 0 when it reads from the start
 * (from 0). Started later, its position is unknown, so its first live event is treated as a gap and
 * filled from the store after `from`, which establishes it.
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';

export type Verdict = 'next' | 'stale' | 'gap';

interface KeyState {
  streamPosition: number;
  /** Global position of that event: where a fill of this key starts reading. */
  position: number;
}

export class StreamCursor {
  private readonly keys = new Map<string, KeyState>();
  private highest: number;

  constructor(readonly from: number) {
    this.highest = from;
  }

  /** The highest global position delivered (or `from`). */
  get position(): number {
    return this.highest;
  }

  /** The last stream position delivered for `key`, if known. */
  streamPosition(key: string): number | undefined {
    return this.keys.get(key)?.streamPosition ?? (this.from === 0 ? 0 : undefined);
  }

  /** How a live event stands against what was delivered. */
  judgeLive(event: EventEnvelope): Verdict {
    const last = this.streamPosition(event.key);
    if (last === undefined) return 'gap';
    if (event.streamPosition <= last) return 'stale';
    return event.streamPosition === last + 1 ? 'next' : 'gap';
  }

  /** Whether an event read from the store is still to be delivered. */
  isNew(event: EventEnvelope): boolean {
    const last = this.keys.get(event.key)?.streamPosition;
    return last === undefined || event.streamPosition > last;
  }

  /** Records a delivered event. */
  delivered(event: EventEnvelope): void {
    this.keys.set(event.key, { streamPosition: event.streamPosition, position: event.position });
    this.highest = Math.max(this.highest, event.position);
  }

  /** The global position after which a fill of `key` reads. */
  fillAfter(key: string): number {
    return this.keys.get(key)?.position ?? this.from;
  }
}
