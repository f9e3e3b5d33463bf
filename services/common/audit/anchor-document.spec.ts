import { describe, expect, it } from '@jest/globals';
import type { Anchor, AnchorHead } from './anchor.types.js';
import { anchorMessage, formatAnchorDocument, parseAnchorDocument } from './anchor-document.js';
import { anchorRoot, digestLine, inDigestOrder } from './anchor-root.js';

const hash = (c: string) => c.repeat(64);
const heads: AnchorHead[] = [
  ['scada.alarms', 'R101', 2, 7, hash('a')],
  ['scada.reactor-telemetry', 'R101', 5, 9, hash('b')],
  ['scada.reactor-telemetry', 'R201', 1, 3, hash('c')],
];
const anchor: Anchor = {
  id: 4,
  globalPosition: 9,
  events: 8,
  streams: 3,
  root: anchorRoot(9, 8, heads),
  anchoredAt: '2026-11-22T07:00:00.000Z',
  heads,
};

describe('the anchor digest', () => {
  it('writes each line as PostgreSQL prints a jsonb array', () => {
    expect(digestLine(['scada.alarms', 'R"1\\', 2, 7, 'ab'])).toBe(
      '["scada.alarms", "R\\"1\\\\", 2, 7, "ab"]\n',
    );
  });

  it('orders streams by code point, as COLLATE "C" does, not by UTF-16 unit', () => {
    expect(inDigestOrder(heads)).toBe(true);
    expect(inDigestOrder([heads[1]!, heads[0]!])).toBe(false);
    expect(inDigestOrder([heads[0]!, heads[0]!])).toBe(false);
    const bmp: AnchorHead = ['c.x', '\uffee', 1, 1, hash('d')];
    const astral: AnchorHead = ['c.x', '\u{1f600}', 1, 2, hash('e')];
    expect(inDigestOrder([bmp, astral])).toBe(true);
  });

  it('changes with any head, the position or the number of events', () => {
    const other = [heads[0]!, ['scada.reactor-telemetry', 'R101', 5, 9, hash('f')] as AnchorHead, heads[2]!];
    expect(
      new Set([anchor.root, anchorRoot(9, 8, other), anchorRoot(10, 8, heads), anchorRoot(9, 7, heads)]).size,
    ).toBe(4);
  });
});

describe('the anchor document', () => {
  it('reads back what it wrote, one stream per line', () => {
    const text = formatAnchorDocument(anchor);
    expect(text).toContain('\n    ["scada.reactor-telemetry","R201",1,3,"ccc');
    expect(parseAnchorDocument(text)).toEqual(anchor);
    expect(
      parseAnchorDocument(
        formatAnchorDocument({ ...anchor, heads: [], streams: 0, root: anchorRoot(9, 8, []) }),
      ).heads,
    ).toEqual([]);
  });

  it('accepts a copy that holds only the root, and extra fields', () => {
    const { heads: _heads, ...summary } = anchor;
    const line = JSON.stringify({ format: 'dx-anchor/1', ...summary, file: null, published: { error: 'x' } });
    expect(parseAnchorDocument(line)).toEqual(summary);
  });

  const document = (changes: Record<string, unknown>) =>
    JSON.stringify({ format: 'dx-anchor/1', ...anchor, ...changes });
  it.each([
    ['text that is not JSON', 'not json', 'not JSON'],
    ['another format', '{"format":"other"}', 'format'],
    ['a negative count', document({ events: -1 }), '"events"'],
    ['a root that is not hex', document({ root: 'ABC' }), '"root"'],
    ['heads out of order', document({ heads: [heads[0], heads[2], heads[1]] }), 'digest order'],
    ['a stream too few', document({ heads: [heads[0], heads[1]] }), 'the 3 streams'],
    ['a head that is not one', document({ heads: [['x']] }), '"heads" must be a list'],
  ])('refuses %s', (_case, text, mention) => {
    expect(() => parseAnchorDocument(text)).toThrow(mention);
  });

  it('refuses a copy whose heads were altered after it was written', () => {
    const altered = formatAnchorDocument(anchor).replace('"R201",1,3', '"R201",2,3');
    expect(() => parseAnchorDocument(altered)).toThrow('do not hash to its root');
  });

  it('leaves the heads out of a message that would exceed the limit', () => {
    expect(anchorMessage(anchor, 10_000).withHeads).toBe(true);
    const small = anchorMessage(anchor, 300);
    expect(small.withHeads).toBe(false);
    const parsed = parseAnchorDocument(small.body);
    expect(parsed.root).toBe(anchor.root);
    expect(parsed.heads).toBeUndefined();
  });
});
