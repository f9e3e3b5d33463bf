import { describe, expect, it } from '@jest/globals';
import { arrayLiteral, floatRowsLiteral } from './array-literal.js';

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

  it('writes rows of numbers of any length, a missing number as NULL', () => {
    const holed: (number | undefined)[] = [];
    holed[2] = 7;
    expect(floatRowsLiteral([[1, -2.5], [undefined, 1e21], holed, []])).toBe(
      '{"{1,-2.5}","{NULL,1e+21}","{NULL,NULL,7}","{}"}',
    );
    expect(floatRowsLiteral([])).toBe('{}');
  });

  it('refuses rows with numbers that are not finite', () => {
    for (const bad of [[[NaN]], [[1, Infinity]], [[-Infinity]]])
      expect(() => floatRowsLiteral(bad)).toThrow(TypeError);
  });
});
