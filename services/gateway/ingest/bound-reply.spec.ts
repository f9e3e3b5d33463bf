import { describe, expect, it } from '@jest/globals';
import { boundPublishReply } from './bound-reply.js';
import type { ItemReply } from './publish.types.js';

const stored = (position: number): ItemReply => ({
  ok: true,
  position,
  streamPosition: position,
  duplicate: false,
});
const refused: ItemReply = {
  ok: false,
  error: {
    code: 'PAYLOAD_INVALID',
    message: 'the payload does not match',
    details: {
      issues: Array.from({ length: 20 }, (_, i) => ({ pointer: `/p${i}`, rule: 'additionalProperties' })),
      issueCount: 300,
    },
  },
};

describe('a publish reply bounded to what the bus takes', () => {
  it('is the full reply when it fits', () => {
    const reply = { ok: true as const, results: [stored(1), refused] };
    expect(JSON.parse(boundPublishReply(reply, 100_000, 20))).toEqual(reply);
  });

  it('keeps every position and drops the details of refused items when only that fits', () => {
    const reply = { ok: true as const, results: [stored(1), ...Array.from({ length: 50 }, () => refused)] };
    const text = boundPublishReply(reply, 10_000, 20);
    expect(text.length).toBeLessThanOrEqual(10_000);
    const bounded = JSON.parse(text);
    expect(bounded.results[0]).toEqual(stored(1));
    expect(bounded.results[1]).toEqual({
      ok: false,
      error: {
        code: 'PAYLOAD_INVALID',
        message: 'the payload does not match',
        details: { compacted: true, issueCount: 300 },
      },
    });
  });

  it('is a REPLY_TOO_LARGE summary with counts by code and the first refusals when nothing else fits', () => {
    const reply = {
      ok: true as const,
      results: [stored(1), { ...stored(2), duplicate: true }, ...Array.from({ length: 500 }, () => refused)],
    };
    const text = boundPublishReply(reply, 4000, 5);
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(JSON.parse(text)).toMatchObject({
      ok: false,
      error: {
        code: 'REPLY_TOO_LARGE',
        details: {
          items: 502,
          stored: 2,
          duplicates: 1,
          refused: 500,
          byCode: { PAYLOAD_INVALID: 500 },
          expected: 4000,
        },
      },
    });
    expect(JSON.parse(text).error.details.first.map((f: { index: number }) => f.index)).toEqual([
      2, 3, 4, 5, 6,
    ]);
  });
});
