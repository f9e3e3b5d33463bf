import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { StreamCursor } from './stream-cursor.js';

const event = (key: string, streamPosition: number, position: number) =>
  ({ key, streamPosition, position }) as EventEnvelope;

describe('the stream cursor', () => {
  it('takes an event that is the next of its key, and drops one at or below the last', () => {
    const cursor = new StreamCursor(0);
    expect(cursor.judge(event('R101', 1, 10), 'live')).toBe('next');
    cursor.delivered(event('R101', 1, 10));
    expect(cursor.judge(event('R101', 1, 10), 'live')).toBe('stale');
    expect(cursor.judge(event('R101', 1, 10), 'store')).toBe('stale');
    expect(cursor.judge(event('R101', 2, 12), 'live')).toBe('next');
  });

  it('calls a jump in stream positions a gap, from the live feed and from the store alike', () => {
    const cursor = new StreamCursor(0);
    cursor.delivered(event('R101', 1, 10));
    cursor.delivered(event('R201', 1, 11));
    expect(cursor.judge(event('R101', 4, 20), 'live')).toBe('gap');
    expect(cursor.judge(event('R101', 4, 20), 'store')).toBe('gap');
  });

  it('fills a key from after its last delivered event, or from the checkpoint when that is higher', () => {
    const cursor = new StreamCursor(0);
    cursor.delivered(event('R101', 1, 10));
    expect(cursor.fillAfter('R101', 5)).toBe(10);
    expect(cursor.fillAfter('R101', 30)).toBe(30);
    expect(cursor.fillAfter('R201', 5)).toBe(5);
  });

  it('judges each key on its own', () => {
    const cursor = new StreamCursor(0);
    cursor.delivered(event('R101', 1, 10));
    expect(cursor.judge(event('R201', 1, 11), 'live')).toBe('next');
    expect(cursor.judge(event('R201', 2, 12), 'live')).toBe('gap');
  });

  it('resumed from a checkpoint, takes the first event of an unknown key from the store, but not from the live feed', () => {
    const cursor = new StreamCursor(500);
    expect(cursor.judge(event('R101', 40, 600), 'live')).toBe('gap');
    expect(cursor.judge(event('R101', 40, 600), 'store')).toBe('next');
  });

  it('takes stream position 1 as the next of an unknown key wherever it comes from', () => {
    const cursor = new StreamCursor(500);
    expect(cursor.judge(event('R101', 1, 600), 'live')).toBe('next');
  });

  it('remembers the highest global position delivered', () => {
    const cursor = new StreamCursor(5);
    expect(cursor.position).toBe(5);
    cursor.delivered(event('R101', 1, 30));
    cursor.delivered(event('R201', 1, 20));
    expect(cursor.position).toBe(30);
  });
});
