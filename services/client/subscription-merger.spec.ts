import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { ReplayPage, ReplayRequest } from './replay-page.js';
import { SubscriptionMerger, type SubscriptionMergerOptions } from './subscription-merger.js';

/** The store as dx.replay shows it: global order, pages, and a visibility fence. */
class FakeStore {
  readonly events: EventEnvelope[] = [];
  readonly requests: ReplayRequest[] = [];
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

  replay = async (request: ReplayRequest): Promise<ReplayPage> => {
    this.requests.push(request);
    const page = this.events
      .filter((e) => e.position > request.after && e.position <= this.visibleUpTo)
      .filter((e) => request.key === undefined || e.key === request.key)
      .slice(0, request.limit);
    return {
      events: page,
      last: page.at(-1)?.position ?? request.after,
      more: page.length === request.limit,
    };
  };
}

function setUp(store: FakeStore, options: Partial<SubscriptionMergerOptions> = {}) {
  const delivered: string[] = [];
  const merger = new SubscriptionMerger({
    contract: 'scada.reactor-telemetry',
    major: 1,
    from: 0,
    pageSize: 2,
    replay: store.replay,
    deliver: (e) => void delivered.push(`${e.key}#${e.streamPosition}@${e.position}`),
    settleMs: 2000,
    fillRetryMs: 0,
    ...options,
  });
  return { merger, delivered };
}

describe('the subscription merger', () => {
  it('catches up page by page, then delivers live events, dropping those the catch-up delivered', async () => {
    const store = new FakeStore();
    const history = ['R101', 'R201', 'R101', 'R101', 'R201'].map((key) => store.append(key));
    const { merger, delivered } = setUp(store);
    merger.start();
    // Live events that arrived while catching up: two the store has too, and a new one.
    merger.live(history[3]!);
    merger.live(history[4]!);
    merger.live(store.append('R101'));
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R201#1@2', 'R101#2@3', 'R101#3@4', 'R201#2@5', 'R101#4@6']);
    expect(store.requests.filter((r) => r.key === undefined).map((r) => r.after)).toEqual([0, 2, 4, 6]);
  });

  it('fills a jump in a key’s stream positions from the store before delivering the live event', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store);
    merger.start();
    await merger.idle();
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
    let waits = 0;
    const { merger, delivered } = setUp(store, {
      wait: async () => {
        if (++waits === 2) store.visibleUpTo = Number.MAX_SAFE_INTEGER;
      },
    });
    merger.start();
    merger.live(store.append('R101'));
    await merger.idle();
    store.append('R101');
    store.visibleUpTo = 1;
    merger.live(store.append('R101'));
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R101#2@2', 'R101#3@3']);
    expect(waits).toBe(2);
  });

  it('accepts a jump the store confirms: events this major cannot be converted to never come', async () => {
    const store = new FakeStore();
    const { merger, delivered } = setUp(store);
    merger.start();
    merger.live(store.append('R101'));
    await merger.idle();
    store.hide(store.append('R101'));
    merger.live(store.append('R101', 3));
    await merger.idle();
    expect(delivered).toEqual(['R101#1@1', 'R101#3@3']);
  });

  it('started from a position, fills the first live event of a key it has not seen from that position', async () => {
    const store = new FakeStore();
    for (const key of ['R101', 'R201', 'R101', 'R201']) store.append(key);
    const { merger, delivered } = setUp(store, { from: 3 });
    merger.start();
    await merger.idle();
    expect(delivered).toEqual(['R201#2@4']);
    store.append('R101');
    merger.live(store.append('R101'));
    merger.live(store.append('R201'));
    await merger.idle();
    expect(delivered).toEqual(['R201#2@4', 'R101#3@5', 'R101#4@6', 'R201#3@7']);
    expect(store.requests.at(-1)).toEqual(expect.objectContaining({ key: 'R101', after: 3 }));
  });

  it('after a line down, catches up from before the events that may have been lost, stragglers included', async () => {
    const store = new FakeStore();
    let clock = 0;
    const { merger, delivered } = setUp(store, { now: () => clock });
    merger.start();
    await merger.idle();
    merger.live(store.append('K1', 10));
    await merger.idle();
    clock = 5000;
    const straggler = store.append('K3', 11);
    merger.live(store.append('K2', 12));
    await merger.idle();
    // The line goes down: the straggler (position 11, committed late) and a later K1 are lost.
    clock = 5500;
    merger.lineDown();
    store.append('K1', 13);
    clock = 9000;
    merger.lineUp();
    await merger.idle();
    expect(delivered).toEqual(['K1#1@10', 'K2#1@12', `K3#1@${straggler.position}`, 'K1#2@13']);
    expect(store.requests.at(-1)).toEqual(expect.objectContaining({ key: undefined }));
    expect(store.requests.filter((r) => r.key === undefined).map((r) => r.after)).toContain(10);
    expect(merger.checkpoint).toBe(13);
  });

  it('moves its checkpoint over live events only once they are settleMs old', async () => {
    const store = new FakeStore();
    let clock = 0;
    const { merger } = setUp(store, { now: () => clock });
    merger.start();
    await merger.idle();
    merger.live(store.append('R101'));
    await merger.idle();
    expect(merger.checkpoint).toBe(0);
    expect(merger.position).toBe(1);
    clock = 2000;
    expect(merger.checkpoint).toBe(1);
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
    merger.start();
    await expect(merger.failure).rejects.toThrow('handler failed');
    merger.live(store.append('R101'));
    await merger.idle();
    expect(delivered).toEqual([1]);
  });
});
