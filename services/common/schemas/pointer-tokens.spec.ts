import { describe, expect, it } from '@jest/globals';
import { pointerTokens } from './pointer-tokens.js';

describe('the tokens of a JSON pointer', () => {
  it('are decoded as RFC 6901 says, the escapes in order', () => {
    expect(pointerTokens('/a~1b/0/~01')).toEqual(['a/b', '0', '~1']);
    expect(pointerTokens('')).toEqual([]);
    expect(pointerTokens('/')).toEqual(['']);
  });

  it('are the same for every caller and cannot be changed by one', () => {
    const first = pointerTokens('/reactor/temperatureC');
    expect(pointerTokens('/reactor/temperatureC')).toBe(first);
    expect(() => (first as string[]).push('x')).toThrow(TypeError);
    expect(pointerTokens('/reactor/temperatureC')).toEqual(['reactor', 'temperatureC']);
  });
});
