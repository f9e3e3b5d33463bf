/**
 * Plant messages are worked on concurrently (the hub group-commits them), but a broker must hear its
 * acknowledgements in the order it sent the messages (MQTT 3.1.1 and 5, 4.6.0-2). The window keeps the
 * messages of one connection in arrival order and acknowledges the oldest ones as soon as they and
 * everything before them are safe (stored by the hub, refused and recorded, or in the edge's buffer).
 * A new connection starts a new window: acknowledgements of the old one are dropped, since the broker
 * sends those messages again and the hub answers the repeats as duplicates.
 */
export interface WindowEntry {
  /** Called once, in arrival order, when this entry and all before it are done. */
  ack: () => void;
  done: boolean;
}

export class AckWindow {
  private entries: WindowEntry[] = [];
  private generation = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.length;
  }

  /** Resolves once there is room for another entry (at most `limit` waiting at once). */
  async room(): Promise<void> {
    while (this.entries.length >= this.limit) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Adds a message; call the returned function when it is safe. */
  add(ack: () => void): () => void {
    const entry: WindowEntry = { ack, done: false };
    const generation = this.generation;
    this.entries.push(entry);
    return () => {
      if (generation !== this.generation || entry.done) return;
      entry.done = true;
      this.release();
    };
  }

  /** The connection is gone: forget its messages (the broker will send them again). */
  reset(): void {
    this.generation++;
    this.entries = [];
    this.wake();
  }

  private release(): void {
    while (this.entries.length > 0 && this.entries[0]!.done) this.entries.shift()!.ack();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
