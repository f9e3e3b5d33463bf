import { describe, expect, it } from '@jest/globals';
import { DxError } from '../../common/errors/dx-error.js';
import { decodeBody } from './decode-body.js';
import { invalidUtf8Offset } from './invalid-utf8-offset.js';
import { depthExceededAt } from './json-depth.js';

const limits = { maxBodyBytes: 1024, maxJsonDepth: 64 };

function refusal(bytes: Buffer): DxError {
  try {
    decodeBody(bytes, limits);
  } catch (error) {
    return error as DxError;
  }
  throw new Error('expected a refusal');
}

describe('decoding a publish body', () => {
  it('parses a JSON object or array of UTF-8 text', () => {
    expect(decodeBody(Buffer.from('{"name":"Ré 101 ✓ 𝄞"}'), limits)).toEqual({ name: 'Ré 101 ✓ 𝄞' });
    expect(decodeBody(Buffer.from('[{},{}]'), limits)).toEqual([{}, {}]);
  });

  it('refuses a body over the limit before reading it', () => {
    expect(refusal(Buffer.alloc(2000, 0x20)).toJSON()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { rule: 'maxBodyBytes', expected: 1024, actual: 2000 },
    });
  });

  it('refuses invalid UTF-8 with the byte offset instead of replacing it', () => {
    const body = Buffer.concat([
      Buffer.from('{"a":"ok","b":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(refusal(body).toJSON()).toMatchObject({
      code: 'PAYLOAD_INVALID',
      details: { rule: 'utf8', offset: 15 },
    });
  });

  it('refuses a raw NUL byte with its offset', () => {
    expect(refusal(Buffer.from('{"a":"x\0"}')).toJSON()).toMatchObject({
      code: 'PAYLOAD_INVALID',
      details: { rule: 'noNul', offset: 7 },
    });
  });

  it('refuses a 100,000-deep array before parsing it, without overflowing the stack', () => {
    const deep = Buffer.from('['.repeat(100_000) + ']'.repeat(100_000));
    let error: DxError | undefined;
    try {
      decodeBody(deep, { ...limits, maxBodyBytes: 1_000_000 });
    } catch (thrown) {
      error = thrown as DxError;
    }
    expect(error!.toJSON()).toMatchObject({
      code: 'PAYLOAD_INVALID',
      details: { rule: 'maxDepth', expected: 64, offset: 64 },
    });
  });

  it('says what is wrong with text that is not JSON', () => {
    expect(refusal(Buffer.from('{"temperature": 25')).toJSON()).toMatchObject({ details: { rule: 'json' } });
  });
});

describe('finding invalid UTF-8', () => {
  it.each([
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['an overlong form of "/"', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut short at the end', [0x41, 0x42, 0xe2, 0x82], 2],
  ])('finds %s', (_what, bytes, offset) => {
    expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });

  it('finds nothing in well-formed text of every length', () => {
    expect(invalidUtf8Offset(Buffer.from('aé€𝄞'))).toBe(-1);
  });
});

describe('measuring JSON depth on the raw bytes', () => {
  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(depthExceededAt(Buffer.from('{"a":"[[[[\\"[[[["}'), 1)).toBe(-1);
    expect(depthExceededAt(Buffer.from('{"a":[1]}'), 1)).toBe(5);
  });
});
