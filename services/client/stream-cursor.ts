/**
 * What a subscription has delivered: the last stream position per key (and the global position of that
 * event), and the highest global position. It judges each event against that, which is all the
 * in-order, no-gap, no-duplicate logic per key there is:
 *
 * - an event at or below its key's last stream position was delivered already: `stale`, dropped;
 * - an event whose stream position is the key's last + 1 is `next`: delivered;
 * - anything else is a `gap`: the events between were missed and are read from the store first.
 *
 * A key the subscription has not delivered yet starts at stream position 0 when it reads from the start
 * (from 0), and a stream position of 1 is the first of any stream. Started later (from a checkpoint),
 * a key's position is otherwise unknown. Read from the store after the checkpoint, its first event is
 * the next one (everything of it up to the checkpoint was delivered by the subscription that made the
 * checkpoint); on the live feed it is a gap until the store has shown what came before it.
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';

export type Verdict = 'next' | 'stale' | 'gap';

/** Where an event comes from: the live feed, or a read of the store (which has no holes of its own). */
export type Source = 'live' | 'store';

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

  /** How an event stands against what was delivered. */
  judge(event: EventEnvelope, source: Source): Verdict {
    const last = this.streamPosition(event.key);
    if (last === undefined) return source === 'store' || event.streamPosition === 1 ? 'next' : 'gap';
    if (event.streamPosition <= last) return 'stale';
    return event.streamPosition === last + 1 ? 'next' : 'gap';
  }

  /** Whether an event is above the last delivered of its key (still to be delivered, jump or not). */
  isNew(event: EventEnvelope): boolean {
    const last = this.keys.get(event.key)?.streamPosition;
    return last === undefined || event.streamPosition > last;
  }

  /** Records a delivered event. */
  delivered(event: EventEnvelope): void {
    this.keys.set(event.key, { streamPosition: event.streamPosition, position: event.position });
    this.highest = Math.max(this.highest, event.position);
  }

  /**
   * The global position after which a fill of `key` reads: its last delivered event, or the checkpoint
   * when that is higher (or the key has none): everything up to the checkpoint was delivered.
   */
  fillAfter(key: string, checkpoint: number): number {
    return Math.max(this.keys.get(key)?.position ?? checkpoint, checkpoint);
  }
}
