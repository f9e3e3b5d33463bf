/**
 * The heart of subscribe(): merges the store's history (dx.replay) with the live feed (dx.data) so
 * that the handler sees every event once, in order per key, with no gap and no duplicate.
 *
 * Everything runs as one queue of tasks, one at a time: the catch-up first, while live events queue
 * up behind it; then each live event in turn. A live event that is not the next of its key triggers a
 * fill of that key from the store before it is delivered (StreamCursor judges). When the NATS line was
 * down, live events were lost without trace, so coming back up queues a catch-up of the whole
 * subscription from its checkpoint.
 *
 * The checkpoint is a global position at or below which everything has been delivered. A catch-up
 * proves one: the store reads behind a visibility fence, so nothing can later appear below the last
 * position it returned. The live feed alone proves none, since an event can be delivered just after
 * one with a higher position (another gateway, a transaction that committed late). The merger assumes
 * such a straggler arrives within `settleMs` of the higher event while the line is up: an event
 * delivered longer ago than that moves the checkpoint to its position.
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { ReadReplay } from './replay-page.js';
import { StreamCursor } from './stream-cursor.js';

export interface SubscriptionMergerOptions {
  contract: string;
  key?: string;
  major: number;
  /** Deliver events after this global position. */
  from: number;
  pageSize: number;
  /** Reads a page of the store; retries what is worth retrying, throws only what is final. */
  replay: ReadReplay;
  deliver: (event: EventEnvelope) => Promise<void> | void;
  settleMs: number;
  /** How long a fill waits before asking the store again for a live event it does not show yet. */
  fillRetryMs: number;
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
}

export class SubscriptionMerger {
  private readonly cursor: StreamCursor;
  private tasks: Promise<void> = Promise.resolve();
  private stopped = false;
  private settled: number;
  private readonly recent: { at: number; position: number }[] = [];
  /** When the line went down, while a catch-up for it is still to come. */
  private downAt?: number;
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly failed: Promise<never>;
  private fail!: (error: unknown) => void;

  constructor(private readonly options: SubscriptionMergerOptions) {
    this.cursor = new StreamCursor(options.from);
    this.settled = options.from;
    this.now = options.now ?? Date.now;
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => undefined);
  }

  /** The highest global position delivered (or `from`). */
  get position(): number {
    return this.cursor.position;
  }

  /** A global position at or below which every event has been delivered. */
  get checkpoint(): number {
    this.settle();
    return this.settled;
  }

  /** Rejects with the error that ended the subscription (a handler that threw, a refused replay). */
  get failure(): Promise<never> {
    return this.failed;
  }

  /** Catches up from `from`; resolves when done. Live events pushed meanwhile wait for it. */
  start(): Promise<void> {
    return this.enqueue(() => this.catchUp(this.options.from));
  }

  live(event: EventEnvelope): void {
    this.enqueue(() => this.onLive(event));
  }

  /** The NATS line went down: live events may be lost from now on; stop trusting the live feed. */
  lineDown(): void {
    this.downAt ??= this.now();
  }

  /** The line is back: catch up from the checkpoint as it stood when the line went down. */
  lineUp(): void {
    this.enqueue(async () => {
      if (this.downAt === undefined) return;
      this.settle(this.downAt);
      this.downAt = undefined;
      await this.catchUp(this.settled);
    });
  }

  /** Resolves once every queued task has run (or the merger stopped). */
  async idle(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.tasks;) {
      seen = this.tasks;
      await seen;
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** Runs `task` after every task queued before it; the promise never rejects (a failure stops the merger). */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.tasks = this.tasks.then(async () => {
      if (this.stopped) return;
      try {
        await task();
      } catch (error) {
        this.stopped = true;
        this.fail(error);
      }
    });
    return this.tasks;
  }

  private async catchUp(after: number): Promise<void> {
    const { contract, key, major, pageSize } = this.options;
    for (let position = after; !this.stopped;) {
      const page = await this.options.replay({ contract, key, major, after: position, limit: pageSize });
      for (const event of page.events) if (this.cursor.isNew(event)) await this.deliver(event);
      position = Math.max(position, page.last);
      if (!page.more) {
        this.settled = Math.max(this.settled, position);
        return;
      }
    }
  }

  private async onLive(event: EventEnvelope): Promise<void> {
    const verdict = this.cursor.judgeLive(event);
    if (verdict === 'stale') return;
    if (verdict === 'gap') await this.fill(event);
    if (this.cursor.isNew(event)) await this.deliver(event);
  }

  /**
   * Reads `event`'s key from the store, after the last event delivered for it, up to `event`. The
   * store may not show `event` yet (its commit is still behind the fence): then it asks again until
   * it does; a store that has read past `event` has shown everything there is before it.
   */
  private async fill(event: EventEnvelope): Promise<void> {
    const { contract, major, pageSize } = this.options;
    for (let after = this.cursor.fillAfter(event.key); !this.stopped;) {
      const page = await this.options.replay({ contract, key: event.key, major, after, limit: pageSize });
      for (const stored of page.events) if (this.cursor.isNew(stored)) await this.deliver(stored);
      after = Math.max(after, page.last);
      if (!this.cursor.isNew(event) || page.last >= event.position) return;
      if (!page.more) await this.wait(this.options.fillRetryMs);
    }
  }

  private async deliver(event: EventEnvelope): Promise<void> {
    await this.options.deliver(event);
    this.cursor.delivered(event);
    this.recent.push({ at: this.now(), position: event.position });
    this.settle();
  }

  /** Moves the checkpoint over events delivered at least settleMs before `at` (never past a line down). */
  private settle(at = this.now()): void {
    const until = Math.min(at, this.downAt ?? Infinity) - this.options.settleMs;
    while (this.recent.length > 0 && this.recent[0]!.at <= until)
      this.settled = Math.max(this.settled, this.recent.shift()!.position);
  }
}
