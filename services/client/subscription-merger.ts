/**
 * The heart of subscribe(): merges the store's history (dx.replay) with the live feed (dx.data) so that
 * the handler sees every stored event once, in order per key, with no gap and no duplicate.
 *
 * The store is the authority; the live feed only makes delivery fast. Two positions carry the proof:
 *
 * - The checkpoint: a global position at or below which every event has been delivered. It moves only
 *   over what a read of the store has proven complete: a page's `fence` (every transaction at or below it
 *   has finished) once the pages have been read until `more` is false. Never by time, never by the live
 *   feed: a live event can arrive after one with a higher position (another gateway, a late commit), or
 *   never (a gateway that died between its commit and its publish, a message NATS lost).
 * - The target: a position the store must be read past. A catch-up (at start, and whenever the line
 *   comes back) sets it to the head the store reported after the live subject was subscribed: every event
 *   committed before the live feed could carry it lies at or below that head. Live events this subscription
 *   could not deliver yet (its queue full, a fill still waiting), and the fence the gateways announce on
 *   dx.head (how events that were never published are found), raise it too. While it is above the
 *   checkpoint, the store is read again every `pollMs` from the checkpoint.
 *
 * Everything runs in one loop, one step at a time: a catch-up reads pages from the checkpoint while live
 * events queue (at most `maxQueued`; beyond that they are dropped and the target covers them). Then each
 * live event in turn: at or below the checkpoint, or not above its key's last stream position, it was
 * delivered; the next stream position of its key is delivered at once; a jump is filled from the store
 * first. A fill that finds the store's fence still below the live event (its commit, or one before it,
 * still in progress) asks again for at most `fillWaitMs`, then leaves the key to the store: its live
 * events are dropped until a read of the store has passed that point. Events read from the store are
 * delivered the same way: only the next stream position of a key; a jump is filled first (and taken as
 * it is when the store shows nothing between: events that cannot be converted to this major).
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { CountReplay, ReadReplay, ReplayPage } from './replay-page.js';
import { sleep } from './retry-policy.js';
import { StreamCursor } from './stream-cursor.js';
import { SubscriptionNotice } from './subscription-notice.js';

export interface SubscriptionMergerOptions {
  contract: string;
  key?: string;
  major: number;
  /** Deliver events after this global position (a checkpoint: everything up to it was delivered). */
  from: number;
  pageSize: number;
  /** Reads a page of the store; retries what is worth retrying, throws only what is final. */
  replay: ReadReplay;
  /** Counts the events after a position up to the fence (undefined: the gateway cannot); optional. */
  count?: CountReplay;
  deliver: (event: EventEnvelope) => Promise<void> | void;
  /** Most live events waiting to be handled; beyond, live events are dropped and read from the store. */
  maxQueued: number;
  /** How long a fill asks again for a live event the store's fence has not passed yet. */
  fillWaitMs: number;
  /** Least time between two reads of the store after a catch-up. */
  pollMs: number;
  /** What was worked around: dropped messages, waits for the store. */
  notify: (notice: SubscriptionNotice) => void;
  now?: () => number;
}

/** With no announcement on dx.head for this many poll intervals, the store is read anyway. */
const QUIET_POLLS = 5;
/** The first wait of a fill that asks again; it doubles up to FILL_RETRY_MAX_MS. */
const FILL_RETRY_MS = 25;
const FILL_RETRY_MAX_MS = 500;
/** Most positions above the checkpoint remembered for counting; beyond, polls read the store instead. */
const MAX_TRACKED = 100_000;

export class SubscriptionMerger {
  private readonly cursor: StreamCursor;
  private proven: number;
  private wanted = 0;
  /** The head of the first catch-up: caughtUp resolves once the checkpoint has passed it. */
  private firstHead?: number;
  private readonly queue: EventEnvelope[] = [];
  private catchUpDue = true;
  private lastRead = -Infinity;
  private lastAnnounced: number;
  /** Keys whose live events wait for the store, with the position a read must pass to let them go. */
  private readonly waiting = new Map<string, number>();
  /** The fence a fill last gave up at: until a higher one shows, another fill does not wait. */
  private stuckAt?: number;
  private overflowing = false;
  /**
   * The positions delivered above the checkpoint, ascending, so that a poll can compare how many the
   * store has with how many were delivered. Complete above `untrackedUpTo` (it was cleared when full).
   */
  private readonly above: number[] = [];
  private untrackedUpTo = 0;
  private counting = true;
  private stopped = false;
  private readonly stopping = new AbortController();
  private sleeping = false;
  private wake?: () => void;
  private idleWaiters: (() => void)[] = [];
  private running?: Promise<void>;
  private readonly now: () => number;
  private readonly failed: Promise<never>;
  private fail!: (error: unknown) => void;
  private readonly caught: Promise<void>;
  private caughtUp!: () => void;

  constructor(private readonly options: SubscriptionMergerOptions) {
    this.cursor = new StreamCursor(options.from);
    this.proven = options.from;
    this.now = options.now ?? Date.now;
    this.lastAnnounced = this.now();
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    this.failed.catch(() => undefined);
    this.caught = new Promise<void>((resolve) => (this.caughtUp = resolve));
  }

  /** The highest global position delivered (or `from`). */
  get position(): number {
    return this.cursor.position;
  }

  /** A global position at or below which every event has been delivered, as the store has proven. */
  get checkpoint(): number {
    return this.proven;
  }

  /** Rejects with the error that ended the subscription (a handler that threw, a refused replay). */
  get failure(): Promise<never> {
    return this.failed;
  }

  /**
   * Starts: catches up from `from`, then follows. Resolves once every event the store held when the
   * subscription began has been delivered (or the merger stopped).
   */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.caught;
  }

  /** A live event (already checked to be one of this subscription's). */
  live(event: EventEnvelope): void {
    if (this.stopped || event.position <= this.proven) return;
    if (this.queue.length >= this.options.maxQueued) {
      this.want(event.position);
      if (!this.overflowing)
        this.options.notify(
          new SubscriptionNotice(
            'QUEUE_FULL',
            `${this.options.maxQueued} live events are waiting to be handled: from position ` +
              `${event.position} on, live events are dropped and read from the store instead`,
            { maxQueued: this.options.maxQueued, position: event.position },
          ),
        );
      this.overflowing = true;
      return;
    }
    this.queue.push(event);
    this.wake?.();
  }

  /** A gateway announced the store's fence (dx.head): read the store up to it. */
  announce(fence: number): void {
    this.lastAnnounced = this.now();
    if (fence <= this.proven) return;
    this.want(fence);
    this.wake?.();
  }

  /** The NATS line went down: live events may be lost from now on (the catch-up at lineUp reads them). */
  lineDown(): void {}

  /** The line is back and the live subject subscribed again: catch up from the checkpoint. */
  lineUp(): void {
    this.catchUpDue = true;
    this.wake?.();
  }

  /** Resolves once nothing is left to do right now (a later poll aside), or the merger stopped. */
  async idle(): Promise<void> {
    while (this.running && !this.stopped && !(this.sleeping && this.queue.length === 0 && !this.catchUpDue))
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops; resolves when the step under way (a handler call, a page) is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        if (this.catchUpDue) {
          this.catchUpDue = false;
          await this.readStore(true);
          continue;
        }
        const event = this.queue.shift();
        if (event) {
          await this.onLive(event);
          continue;
        }
        const wait = this.pollWait();
        if (wait <= 0) await this.poll();
        else await this.sleep(wait);
      }
    } catch (error) {
      this.stopped = true;
      this.fail(error);
    } finally {
      this.caughtUp();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Milliseconds until the store is to be read again. */
  private pollWait(): number {
    const now = this.now();
    const quiet = Math.max(this.lastAnnounced, this.lastRead) + this.options.pollMs * QUIET_POLLS - now;
    if (this.wanted <= this.proven) return quiet;
    return Math.min(quiet, this.lastRead + this.options.pollMs - now);
  }

  private async sleep(ms: number): Promise<void> {
    this.sleeping = true;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
    this.wake = undefined;
    this.sleeping = false;
  }

  /**
   * A read of the store after the catch-up. Most of the time everything was delivered live: the store
   * is asked only how many events there are from the checkpoint to its fence, and when as many were
   * delivered there, they are all there is (nothing is delivered that the store does not have) and the
   * checkpoint moves without reading a single event. Otherwise, the events are read.
   */
  private async poll(): Promise<void> {
    const { count } = this.options;
    if (count && this.counting && this.untrackedUpTo <= this.proven) {
      const { contract, key, major } = this.options;
      this.lastRead = this.now();
      const counted = await count({ contract, key, major, after: this.proven, limit: 1 });
      if (!counted) this.counting = false;
      else {
        this.learnFence(counted.fence);
        if (counted.fence <= this.proven || counted.count === this.deliveredUpTo(counted.fence)) {
          this.prove(counted.fence);
          this.passHead(counted.head);
          this.lastRead = this.now();
          return;
        }
      }
    }
    await this.readStore(false);
  }

  /**
   * Reads the store from the checkpoint until it has nothing more to show, delivering what is due. A
   * catch-up also sets the target to the head reported by its first page.
   */
  private async readStore(catchUp: boolean): Promise<void> {
    const { contract, key, major, pageSize } = this.options;
    this.lastRead = this.now();
    for (let after = this.proven, first = catchUp; !this.stopped; first = false) {
      const page = await this.options.replay({ contract, key, major, after, limit: pageSize });
      if (first) {
        this.want(page.head);
        this.firstHead ??= page.head;
      }
      for (const event of page.events) await this.fromStore(event);
      this.learnFence(page.fence);
      if (page.more) {
        this.prove(page.last);
        after = Math.max(after, page.last);
        continue;
      }
      this.prove(page.fence);
      this.passHead(page.head);
      break;
    }
    if (this.firstHead !== undefined && this.proven >= this.firstHead) this.caughtUp();
    this.lastRead = this.now();
  }

  private async fromStore(event: EventEnvelope): Promise<void> {
    if (event.position <= this.proven || this.stopped) return;
    const verdict = this.cursor.judge(event, 'store');
    if (verdict === 'stale') return;
    if (verdict === 'gap') {
      await this.fill(event.key, event.position);
      if (!this.cursor.isNew(event)) return;
    }
    await this.deliverStored(event);
  }

  private async onLive(event: EventEnvelope): Promise<void> {
    if (event.position <= this.proven) return;
    const verdict = this.cursor.judge(event, 'live');
    if (verdict === 'stale') return;
    if (verdict === 'next') return this.deliver(event);
    if (this.waiting.has(event.key)) {
      this.want(event.position);
      return;
    }
    const deadline = this.now() + this.options.fillWaitMs;
    for (let attempt = 0; !this.stopped; attempt++) {
      const page = await this.fill(event.key, event.position);
      if (!this.cursor.isNew(event)) return;
      // A live event is published after its commit, and the page was read after it arrived: the store
      // shows it, or has not finished a transaction before it, or it is no event of the store's.
      if (page.fence >= event.position || page.head < event.position) {
        this.options.notify(
          new SubscriptionNotice(
            'LIVE_EVENT_NOT_STORED',
            `dropped a live event the store does not have: ${describe(event)}; the store is complete up ` +
              `to position ${page.fence} (head ${page.head}) and its last event of ${event.key} there is ` +
              `stream position ${this.cursor.streamPosition(event.key) ?? 'unknown'}`,
            { ...identify(event), fence: page.fence, head: page.head },
          ),
        );
        return;
      }
      if (this.cursor.judge(event, 'live') === 'next') return this.deliver(event);
      const stuck = this.stuckAt !== undefined && page.fence <= this.stuckAt;
      if (stuck || this.now() >= deadline) {
        this.stuckAt = page.fence;
        this.waiting.set(event.key, event.position);
        this.want(event.position);
        this.options.notify(
          new SubscriptionNotice(
            'WAITING_FOR_STORE',
            `${describe(event)} arrived live, but the store shows nothing of ${event.key} before it yet: ` +
              `its fence stands at position ${page.fence} (head ${page.head}), held by a transaction still ` +
              `in progress. ${event.key} is read from the store once the fence passes ${event.position}`,
            { ...identify(event), fence: page.fence, head: page.head },
          ),
        );
        return;
      }
      const delay = Math.min(FILL_RETRY_MS * 2 ** attempt, FILL_RETRY_MAX_MS, deadline - this.now());
      await sleep(delay, this.stopping.signal);
    }
  }

  /**
   * Reads `key` from the store, after the last event delivered of it (or the checkpoint), until `upTo`
   * or the end of what the store shows; delivers what is new. The store's order of one key has no holes
   * a live feed could have, so what it shows is delivered as it comes. Returns the last page.
   */
  private async fill(key: string, upTo: number): Promise<ReplayPage> {
    const { contract, major, pageSize } = this.options;
    for (let after = this.cursor.fillAfter(key, this.proven); ;) {
      const page = await this.options.replay({ contract, key, major, after, limit: pageSize });
      for (const stored of page.events) if (this.cursor.isNew(stored)) await this.deliverStored(stored);
      this.learnFence(page.fence);
      if (!page.more || page.last >= upTo || this.stopped) return page;
      after = page.last;
    }
  }

  /** Delivers an event read from the store; a jump in its key's stream positions is reported. */
  private async deliverStored(event: EventEnvelope): Promise<void> {
    if (this.cursor.judge(event, 'store') === 'gap') {
      const last = this.cursor.streamPosition(event.key);
      this.options.notify(
        new SubscriptionNotice(
          'STREAM_JUMP',
          `the store has nothing of ${event.key} between stream positions ${last} and ` +
            `${event.streamPosition} for major ${this.options.major}: the events between cannot be ` +
            'converted to it; going on',
          { ...identify(event), last },
        ),
      );
    }
    await this.deliver(event);
  }

  private async deliver(event: EventEnvelope): Promise<void> {
    await this.options.deliver(event);
    this.cursor.delivered(event);
    this.track(event.position);
  }

  /** Remembers a position delivered above the checkpoint (see `above`). */
  private track(position: number): void {
    if (position <= this.proven) return;
    if (this.above.length >= MAX_TRACKED) {
      this.above.length = 0;
      this.untrackedUpTo = Math.max(this.untrackedUpTo, this.cursor.position);
      return;
    }
    let at = this.above.length;
    while (at > 0 && this.above[at - 1]! > position) at--;
    this.above.splice(at, 0, position);
  }

  /** How many positions delivered above the checkpoint are at or below `position`. */
  private deliveredUpTo(position: number): number {
    let low = 0;
    let high = this.above.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.above[middle]! <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Nothing genuine lies beyond the store's head: a target above it came from a forged announcement. */
  private passHead(head: number): void {
    if (this.wanted > head) this.wanted = Math.max(head, this.proven);
  }

  private want(position: number): void {
    this.wanted = Math.max(this.wanted, position);
  }

  private learnFence(fence: number): void {
    if (this.stuckAt !== undefined && fence > this.stuckAt) this.stuckAt = undefined;
  }

  /** The store has shown everything up to `position`, and what of it was due has been delivered. */
  private prove(position: number): void {
    if (position <= this.proven) return;
    this.proven = position;
    let passed = 0;
    while (passed < this.above.length && this.above[passed]! <= position) passed++;
    this.above.splice(0, passed);
    for (const [key, until] of this.waiting) if (until <= position) this.waiting.delete(key);
    if (this.proven >= this.wanted) this.overflowing = false;
    if (this.firstHead !== undefined && this.proven >= this.firstHead) this.caughtUp();
  }
}

function describe(event: EventEnvelope): string {
  return `${event.key}#${event.streamPosition} at position ${event.position}`;
}

function identify(event: EventEnvelope): Record<string, unknown> {
  return { key: event.key, streamPosition: event.streamPosition, position: event.position };
}
