import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { StreamCursor } from './stream-cursor.js';

const event = (key: string, streamPosition: number, position: number) =>
  ({ key, streamPosition, position }) as EventEnvelope;

describe('the stream cursor', () => {
  it('takes a live event that is the next of its key, and drops one at or below the last', () => {
    const cursor = new StreamCursor(0);
    expect(cursor.judgeLive(event('R101', 1, 10))).toBe('next');
    cursor.delivered(event('R101', 1, 10));
    expect(cursor.judgeLive(event('R101', 1, 10))).toBe('stale');
    expect(cursor.judgeLive(event('R101', 2, 12))).toBe('next');
  });

  it('calls a jump in stream positions a gap, and fills it from after the last event of that key', () => {
    const cursor = new StreamCursor(0);
    cursor.delivered(event('R101', 1, 10));
    cursor.delivered(event('R201', 1, 11));
    expect(cursor.judgeLive(event('R101', 4, 20))).toBe('gap');
    expect(cursor.fillAfter('R101')).toBe(10);
  });

  it('judges each key on its own', () => {
    const cursor = new StreamCursor(0);
    cursor.delivered(event('R101', 1, 10));
    expect(cursor.judgeLive(event('R201', 1, 11))).toBe('next');
    expect(cursor.judgeLive(event('R201', 2, 12))).toBe('gap');
  });

  it('reading from a later position, treats the first live event of an unknown key as a gap filled from there', () => {
    const cursor = new StreamCursor(500);
    expect(cursor.judgeLive(event('R101', 40, 600))).toBe('gap');
    expect(cursor.fillAfter('R101')).toBe(500);
  });

  it('takes from the store any event above the last of its key, jumps included', () => {
    const cursor = new StreamCursor(500);
    expect(cursor.isNew(event('R101', 40, 501))).toBe(true);
    cursor.delivered(event('R101', 40, 501));
    expect(cursor.isNew(event('R101', 40, 501))).toBe(false);
    expect(cursor.isNew(event('R101', 43, 530))).toBe(true);
  });

  it('remembers the highest global position delivered', () => {
    const cursor = new StreamCursor(5);
    expect(cursor.position).toBe(5);
    cursor.delivered(event('R101', 1, 30));
    cursor.delivered(event('R201', 1, 20));
    expect(cursor.position).toBe(30);
  });
});
