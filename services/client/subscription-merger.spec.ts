import { afterEach, describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { ReplayCount, ReplayPage, ReplayRequest } from './replay-page.js';
import { SubscriptionMerger, type SubscriptionMergerOptions } from './subscription-merger.js';
import type { SubscriptionNotice } from './subscription-notice.js';

/**
 * The store as dx.replay shows it: global order, pages, and a visibility fence. `visibleUpTo` plays a
 * transaction still in progress just above it: events above it are committed (the head counts them) but
 * not shown yet, as the gateway's fence keeps them back.
 */
class FakeStore {
  readonly events: EventEnvelope[] = [];
  readonly requests: ReplayRequest[] = [];
  readonly counts: ReplayRequest[] = [];
  visibleUpTo = Number.MAX_SAFE_INTEGER;
  private readonly streams = new Map<string, number>();

  /** Appends an event of `key`; its global position is the next one unless given (a hole before it). */
  append(key: string, position = (this.events.at(-1)?.position ?? 0) + 1): EventEnvelope {
    const streamPosition = (this.streams.get(key) ?? 0) + 1;
    this.streams.set(key, streamPosition);
    const event = { contract: 'scada.reactor-telemetry', key, position, streamPosition } as EventEnvelope;
    this.events.push(event);
    this.events.sort((a, b) => a.position - b.position);
    return event;
  }

  /** Removes an event from what replay shows (a major it cannot be converted to). */
  hide(event: EventEnvelope): void {
    this.events.splice(this.events.indexOf(event), 1);
  }

  get head(): number {
    return this.events.at(-1)?.position ?? 0;
  }

  get fence(): number {
    return Math.min(this.visibleUpTo, this.head);
  }

  replay = async (request: ReplayRequest): Promise<ReplayPage> => {
    this.requests.push(request);
    const fence = this.fence;
    const page = this.events
      .filter((e) => e.position > request.after && e.position <= fence)
      .filter((e) => request.key === undefined || e.key === request.key)
      .slice(0, request.limit);
    const last = page.at(-1)?.position ?? request.after;
    return { events: page, last, more: page.length === request.limit, fence, head: this.head };
  };

  count = async (request: ReplayRequest): Promise<ReplayCount> => {
    this.counts.push(request);
    const fence = this.fence;
    const count = this.events.filter(
      (e) =>
        e.position > request.after &&
        e.position <= fence &&
        (request.key === undefined || e.key === request.key),
    ).length;
    return { count, fence, head: this.head };
  };
}

const stops: SubscriptionMerger[] = [];
afterEach(async () => {
  for (const merger of stops.splice(0)) await merger.stop();
});

function setUp(store: FakeStore, options: Partial<SubscriptionMergerOptions> = {}) {
  const delivered: string[] = [];
  const notices: SubscriptionNotice[] = [];
  const merger = new SubscriptionMerger({
    contract: 'scada.reactor-telemetry',
    major: 1,
    from: 0,
    pageSize: 2,
    replay: store.replay,
    count: store.count,
    deliver: (e) => void delivered.push(`${e.key}#${e.streamPosition}@${e.position}`),
    maxQueued: 100,
    fillWaitMs: 60_000,
    // No reads of the store but those a test asks for (announce) or a catch-up makes.
    pollMs: 60_000,
    notify: (notice) => void notices.push(notice),
    ...options,
  });
  stops.push(merger);
  return { merger, delivered, notices };
}

async function eventually(assertion: () => void, withinMs = 5000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const reasons = (notices: SubscriptionNotice[]) => notices.map((n) => n.reason);

describe('the subscription merger', () => {
  it('catches up page by page, then delivers live events, dropping those the catch-up delivered', async () => {
    const store = new FakeStore();
    const history = ['R101', 'R201', 'R101', 'R101', 'R201'].map((key) => store.append(key));
    const { merger, delivered } = setUp(store);
    const caughtUp = merger.start();
    // Live events that arrived while catching up: two the store has too, and a new one.
    merger.live(history[3]!);
    merger.live(history[4]!);
    merger.live(store.append('R101'));
    await caughtUp;
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R201#1@2', 'R101#2@3', 'R101#3@4', 'R201#2@5', 'R101#4@6']);
    expect(store.requests.filter((r) => r.key === undefined).map((r) => r.after)).toEqual([0, 2, 4, 6]);
    expect(merger.checkpoint).toBe(6);
  });

  it('keeps catching up while the fence is below the head the store reported: an event committed above a stalled one', async () => {
    const store = new FakeStore();
    store.append('R101'); // 1
    store.append('R201'); // 2: committed while 1 is still in progress
    store.visibleUpTo = 0;
    const { merger, delivered } = setUp(store, { pollMs: 10 });
    let caughtUp = false;
    void merger.start().then(() => (caughtUp = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(delivered).toEqual([]);
    expect(caughtUp).toBe(false);
    expect(merger.checkpoint).toBe(0);
    store.visibleUpTo = Number.MAX_SAFE_INTEGER;
    await eventually(() => expect(caughtUp).toBe(true));
    expect(delivered).toEqual(['R101#1@1', 'R201#1@2']);
    expect(merger.checkpoint).toBe(2);
  });

  it('fills a jump in a key’s stream positions from the store before delivering the live event', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store);
    await merger.start();
    merger.live(store.append('R101'));
    const missed = [store.append('R201'), store.append('R101'), store.append('R101')];
    merger.live(missed[1]!);
    merger.live(store.append('R101'));
    merger.live(missed[2]!);
    merger.live(store.append('R201'));
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R101#2@3', 'R101#3@4', 'R101#4@5', 'R201#1@2', 'R201#2@6']);
    expect(store.requests.slice(1)).toEqual([
      expect.objectContaining({ key: 'R101', after: 3 }),
      expect.objectContaining({ key: 'R201', after: 0 }),
    ]);
  });

  it('asks the store again while its fence still hides the events a fill needs', async () => {
    const store = new FakeStore();
    const { merger, delivered, notices } = setUp(store);
    await merger.start();
    merger.live(store.append('R101'));
    await merger.idle();
    store.append('R101');
    store.visibleUpTo = 1;
    merger.live(store.append('R101'));
    setTimeout(() => (store.visibleUpTo = Number.MAX_SAFE_INTEGER), 60);
    await eventually(() => expect(delivered).toEqual(['R101#1@1', 'R101#2@2', 'R101#3@3']));
    expect(store.requests.filter((r) => r.key === 'R101').length).toBeGreaterThan(1);
    expect(notices).toEqual([]);
  });

  it('leaves a live event to the store when the fence does not pass it in time, and delivers it when it does', async () => {
    const store = new FakeStore();
    const { merger, delivered, notices } = setUp(store, { fillWaitMs: 50, pollMs: 10 });
    await merger.start();
    merger.live(store.append('R101'));
    await merger.idle();
    store.append('R101'); // 2: lost on the way, and its commit...
    store.visibleUpTo = 1; // ...still in progress
    merger.live(store.append('R101'));
    merger.live(store.append('R101'));
    await eventually(() => expect(reasons(notices)).toEqual(['WAITING_FOR_STORE']));
    expect(notices[0]!.details).toMatchObject({ key: 'R101', position: 3, fence: 1, head: 4 });
    expect(notices[0]!.message).toContain('fence stands at position 1');
    expect(delivered).toEqual(['R101#1@1']);
    store.visibleUpTo = Number.MAX_SAFE_INTEGER;
    await eventually(() => expect(delivered).toEqual(['R101#1@1', 'R101#2@2', 'R101#3@3', 'R101#4@4']));
    expect(merger.checkpoint).toBe(4);
  });

  it('drops, with its reason, a live event the store does not have although it is complete past it', async () => {
    const store = new FakeStore();
    const { merger, delivered, notices } = setUp(store);
    await merger.start();
    store.append('R101');
    store.append('R201');
    const forged = { ...store.append('R301'), key: 'R101', streamPosition: 7 } as EventEnvelope;
    merger.live(forged);
    const beyond = { contract: 'scada.reactor-telemetry', key: 'R201', position: 99, streamPosition: 5 };
    merger.live(beyond as EventEnvelope);
    await merger.idle();
    expect(reasons(notices)).toEqual(['LIVE_EVENT_NOT_STORED', 'LIVE_EVENT_NOT_STORED']);
    expect(notices[1]!.details).toMatchObject({ position: 99, head: 3 });
    // The fills delivered what the store has of those keys, and nothing else.
    expect(delivered).toEqual(['R101#1@1', 'R201#1@2']);
  });

  it('accepts a jump the store confirms: events this major cannot be converted to never come', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store);
    await merger.start();
    merger.live(store.append('R101'));
    await merger.idle();
    store.hide(store.append('R101'));
    merger.live(store.append('R101', 3));
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R101#3@3']);
  });

  it('delivers from the store only the next stream position of a key, filling a jump first', async () => {
    const store = new FakeStore();
    store.append('R101');
    const hidden = store.append('R101');
    store.append('R101');
    store.hide(hidden);
    const { merger, delivered, notices } = setUp(store);
    await merger.start();
    expect(delivered).toEqual(['R101#1@1', 'R101#3@3']);
    expect(store.requests).toContainEqual(expect.objectContaining({ key: 'R101', after: 1 }));
    expect(reasons(notices)).toEqual(['STREAM_JUMP']);
  });

  it('resumed from a checkpoint, delivers nothing at or below it, live or stored', async () => {
    const store = new FakeStore();
    const early = ['R101', 'R201', 'R101', 'R201'].map((key) => store.append(key));
    const { merger, delivered } = setUp(store, { from: 3 });
    merger.live(early[1]!); // R201#1@2, late on the wire: the previous subscription delivered it
    merger.live(early[2]!);
    await merger.start();
    await merger.idle();
    expect(delivered).toEqual(['R201#2@4']);
    store.append('R101');
    merger.live(store.append('R101'));
    merger.live(store.append('R201'));
    await merger.idle();
    expect(delivered).toEqual(['R201#2@4', 'R101#3@5', 'R101#4@6', 'R201#3@7']);
    expect(store.requests).toContainEqual(expect.objectContaining({ key: 'R101', after: 4 }));
  });

  it('moves its checkpoint only over what the store has proven, never over live events alone', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store, { pollMs: 100 });
    await merger.start();
    store.append('K1'); // 1: its transaction is still in progress...
    store.visibleUpTo = 0;
    merger.live(store.append('K2')); // ...while 2 commits and is delivered live
    await merger.idle();
    expect(delivered).toEqual(['K2#1@2']);
    merger.announce(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(merger.checkpoint).toBe(0);
    store.visibleUpTo = Number.MAX_SAFE_INTEGER;
    merger.announce(2);
    await eventually(() => expect(merger.checkpoint).toBe(2));
    expect(delivered).toEqual(['K2#1@2', 'K1#1@1']);
  });

  it('reads the store when the announced fence passes its checkpoint: an event committed and never published', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store, { pollMs: 100 });
    await merger.start();
    merger.live(store.append('R101'));
    store.append('R201'); // its gateway died before publishing it; no later event of R201 comes
    merger.live(store.append('R101'));
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R101#2@3']);
    merger.announce(3);
    await eventually(() => expect(delivered).toEqual(['R101#1@1', 'R101#2@3', 'R201#1@2']));
    expect(merger.checkpoint).toBe(3);
  });

  it('moves its checkpoint by a count of the store, reading no event, when it has delivered everything live', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store, { pollMs: 10 });
    await merger.start();
    const reads = store.requests.length;
    merger.live(store.append('R101'));
    merger.live(store.append('R201'));
    merger.live(store.append('R101'));
    merger.announce(3);
    await eventually(() => expect(merger.checkpoint).toBe(3));
    expect(delivered).toEqual(['R101#1@1', 'R201#1@2', 'R101#2@3']);
    expect(store.requests.length).toBe(reads);
    expect(store.counts).toContainEqual(expect.objectContaining({ after: 0 }));
  });

  it('reads the events when the count says some were not delivered', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store, { pollMs: 10 });
    await merger.start();
    merger.live(store.append('R101'));
    store.append('R201'); // never published
    merger.live(store.append('R301'));
    merger.announce(3);
    await eventually(() => expect(merger.checkpoint).toBe(3));
    expect(delivered).toEqual(['R101#1@1', 'R301#1@3', 'R201#1@2']);
    expect(store.counts.length).toBeGreaterThan(0);
  });

  it('reads the store every quiet while when no announcement comes, and not before', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store, { pollMs: 10 });
    await merger.start();
    const reads = store.requests.length;
    store.append('R101'); // never published, and nobody announces the head
    await eventually(() => expect(delivered).toEqual(['R101#1@1']));
    expect(store.requests.length).toBeGreaterThan(reads);
  });

  it('holds at most maxQueued live events: the rest are dropped and read from the store', async () => {
    const store = new FakeStore();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const delivered: number[] = [];
    const { merger, notices } = setUp(store, {
      maxQueued: 2,
      pollMs: 10,
      deliver: async (e) => {
        if (e.position === 1) await blocked;
        delivered.push(e.position);
      },
    });
    await merger.start();
    for (let i = 0; i < 6; i++) merger.live(store.append(`K${i}`));
    await eventually(() => expect(reasons(notices)).toEqual(['QUEUE_FULL']));
    release();
    await eventually(() => expect(delivered.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]));
    expect(merger.checkpoint).toBe(6);
  });

  it('after a line down, catches up from its checkpoint: stragglers below what it delivered included', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store);
    await merger.start();
    merger.live(store.append('K1', 10));
    await merger.idle();
    const straggler = store.append('K3', 11);
    merger.live(store.append('K2', 12));
    await merger.idle();
    // The line goes down: the straggler (position 11, committed late) and a later K1 are lost.
    merger.lineDown();
    store.append('K1', 13);
    merger.lineUp();
    await merger.idle();
    expect(delivered).toEqual(['K1#1@10', 'K2#1@12', `K3#1@${straggler.position}`, 'K1#2@13']);
    expect(merger.checkpoint).toBe(13);
  });

  it('stops at a handler that throws, and reports its error', async () => {
    const store = new FakeStore();
    for (const key of ['R101', 'R101', 'R101']) store.append(key);
    const delivered: number[] = [];
    const { merger } = setUp(store, {
      deliver: (e) => {
        if (e.streamPosition === 2) throw new Error('handler failed');
        delivered.push(e.streamPosition);
      },
    });
    void merger.start();
    await expect(merger.failure).rejects.toThrow('handler failed');
    merger.live(store.append('R101'));
    await merger.idle();
    expect(delivered).toEqual([1]);
  });
});
