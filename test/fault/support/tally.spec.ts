import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '../../../services/client/index.js';
import type { Sent } from './load.js';
import { tally, type StoredEvent } from './tally.js';

const sent = (n: number, position: number, outcome: Sent['outcome'] = 'acked'): Sent => ({
  msgId: `f-single-${n}`,
  key: 'R101',
  seq: n,
  outcome,
  position,
  streamPosition: n + 1,
  ms: 10,
});
const stored = (n: number, position: number, streamPosition = n + 1): StoredEvent => ({
  msgId: `f-single-${n}`,
  key: 'R101',
  position,
  streamPosition,
});
const got = (position: number, streamPosition: number) =>
  ({ position, streamPosition, key: 'R101' }) as EventEnvelope;

describe('the fault tally', () => {
  it('counts nothing wrong when everything acked is stored and handed over once, in order', () => {
    const row = tally('f', [sent(0, 1), sent(1, 2)], [stored(0, 1), stored(1, 2)], [got(1, 1), got(2, 2)], {
      crashed: 0,
    });
    expect(row).toMatchObject({
      acked: 2,
      stored: 2,
      lost: 0,
      missedBySubscriber: 0,
      duplicatedBySubscriber: 0,
      outOfOrder: 0,
      received: 2,
    });
  });

  it('counts an acked message missing from the store, or stored elsewhere than acked, as lost', () => {
    const row = tally('f', [sent(0, 1), sent(1, 2)], [stored(0, 7)], [got(7, 1)], { crashed: 0 });
    expect(row.lost).toBe(2);
  });

  it('counts what the subscriber missed, got twice, or got with a gap', () => {
    const row = tally(
      'f',
      [sent(0, 1), sent(1, 2), sent(2, 3)],
      [stored(0, 1), stored(1, 2), stored(2, 3)],
      [got(1, 1), got(1, 1), got(3, 3)],
      { crashed: 0 },
    );
    expect(row).toMatchObject({
      missedBySubscriber: 1,
      duplicatedBySubscriber: 1,
      outOfOrder: 1,
      received: 2,
    });
    expect(row.disorders).toEqual([expect.stringMatching(/^subscriber: .*#3 .* handed when #2 was due$/)]);
  });

  it('counts a stream stored out of publish order', () => {
    const row = tally(
      'f',
      [sent(0, 2), sent(1, 1)],
      [stored(0, 2, 2), stored(1, 1, 1)],
      [got(1, 1), got(2, 2)],
      { crashed: 0 },
    );
    expect(row.outOfOrder).toBe(1);
    expect(row.disorders).toEqual([expect.stringMatching(/^store: .* at stream position 1 after 2$/)]);
  });
});
