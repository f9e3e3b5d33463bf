import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DxError } from '../../common/errors/dx-error.js';
import { rejectionRow } from './rejection-row.js';
import { TokenBucket } from './token-bucket.js';

const base = {
  transport: 'http',
  contract: 'scada.reactor-telemetry',
  error: new DxError('PAYLOAD_INVALID', 'no'),
};
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('a refusal as a dx.rejections row', () => {
  it('keeps a small payload whole, with its length and SHA-256', () => {
    const row = rejectionRow({ ...base, payload: '{"a":1}' }, 1024);
    expect(row).toMatchObject({
      payload: '{"a":1}',
      payload_encoding: 'utf8',
      payload_bytes: 7,
      payload_sha256: sha('{"a":1}'),
      payload_truncated: false,
    });
  });

  it("keeps the beginning of a payload over the limit, never half a character, with the whole one's length and hash", () => {
    const text = `{"a":"${'€'.repeat(100)}"}`;
    const row = rejectionRow({ ...base, payload: text }, 10);
    expect(row).toMatchObject({
      payload: '{"a":"€',
      payload_bytes: Buffer.byteLength(text),
      payload_sha256: sha(text),
      payload_truncated: true,
    });
  });

  it('keeps bytes that are not UTF-8 text, or hold NUL, base64-encoded byte for byte', () => {
    const bytes = Buffer.from([0x7b, 0x00, 0xff, 0x7d]);
    expect(rejectionRow({ ...base, payload: bytes }, 1024)).toMatchObject({
      payload: bytes.toString('base64'),
      payload_encoding: 'base64',
    });
  });

  it('has no hash for a body that was never read to its end', () => {
    const row = rejectionRow({ ...base, payload: Buffer.from('[{"a":'), payloadBytes: 10_000_000 }, 1024);
    expect(row).toMatchObject({ payload_bytes: 10_000_000, payload_sha256: null, payload_truncated: true });
  });

  it('shows a NUL in a name or in the details as ␀, which PostgreSQL can store', () => {
    const error = new DxError('KEY_INVALID', 'bad key', { value: 'R\0' });
    const row = rejectionRow({ ...base, key: 'R\u0000101', error, payload: '{}' }, 1024);
    expect(row.key).toBe('R\u2400101');
    expect(JSON.parse(row.details as string)).toEqual({ value: 'R\u2400' });
  });
});

describe('the rate of recorded refusals', () => {
  it('allows a burst, then the rate, and refills over time', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.take(50)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.full(1000)).toBe(true);
  });
});
