import { describe, expect, it } from '@jest/globals';
import { arrayLiteral } from './array-literal.js';

describe('arrayLiteral', () => {
  it('writes numbers and ISO timestamps as PostgreSQL reads them', () => {
    expect(arrayLiteral([1, -2.5, 1e21, 0.000001])).toBe('{1,-2.5,1e+21,0.000001}');
    expect(arrayLiteral(['2026-11-22T08:00:00.000Z', '2026-11-22T08:00:01.500Z'])).toBe(
      '{2026-11-22T08:00:00.000Z,2026-11-22T08:00:01.500Z}',
    );
    expect(arrayLiteral([])).toBe('{}');
  });

  it('refuses what would need quoting or is not a number', () => {
    for (const bad of [[NaN], [Infinity], ['a,b'], ['"x"'], [''], ['x', 1], ['{1}'], ['1 2']])
      expect(() => arrayLiteral(bad)).toThrow(TypeError);
  });
});
