import { describe, expect, it } from '@jest/globals';
import { HubRefusedError } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { readPublishReply } from './publish-result.js';
import { retryDelay } from './retry-policy.js';

describe('reading a publish reply', () => {
  it('gives the stored positions of a single message', () => {
    expect(readPublishReply('{"ok":true,"position":1042,"streamPosition":17,"duplicate":false}')).toEqual({
      position: 1042,
      streamPosition: 17,
      duplicate: false,
    });
  });

  it('gives each item of a batch its own result, a refused item as a HubRefusedError', () => {
    const results = readPublishReply(
      JSON.stringify({
        ok: true,
        results: [
          { ok: true, position: 5, streamPosition: 2, duplicate: true },
          { ok: false, error: { code: 'PAYLOAD_INVALID', message: 'bad', details: { issues: [] } } },
        ],
      }),
    );
    expect(results).toEqual([
      { ok: true, position: 5, streamPosition: 2, duplicate: true },
      { ok: false, error: expect.any(HubRefusedError) },
    ]);
  });

  it('throws a refusal with its code, message and details', () => {
    const reply = {
      ok: false,
      error: {
        code: 'PAYLOAD_INVALID',
        message: 'the payload does not match',
        details: { issues: [{ pointer: '/temperature', rule: 'type', expected: 'number' }] },
      },
    };
    let thrown: unknown;
    try {
      readPublishReply(JSON.stringify(reply));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HubRefusedError);
    expect((thrown as HubRefusedError).toJSON()).toEqual(reply.error);
  });

  it('takes a hub failing on its own side (INTERNAL) for a hub to retry, not a refusal', () => {
    const reply = '{"ok":false,"error":{"code":"INTERNAL","message":"see its log","details":{}}}';
    expect(() => readPublishReply(reply)).toThrow(HubUnreachableError);
  });

  it.each([
    ['DATABASE_UNREACHABLE', {}],
    ['NATS_UNREACHABLE', {}],
    ['APPEND_FAILED during a database restart', { cause: '57P01' }],
    ['APPEND_FAILED with no cause (an older gateway)', {}],
    ['REPLY_TOO_LARGE whose items met DATABASE_UNREACHABLE', { byCode: { DATABASE_UNREACHABLE: 3 } }],
  ])('retries %s: maybe stored, so the same message id goes again', (what, details) => {
    const code = what.split(' ')[0];
    const reply = JSON.stringify({ ok: false, error: { code, message: 'not now', details } });
    expect(() => readPublishReply(reply)).toThrow(HubUnreachableError);
  });

  it.each([
    ['APPEND_FAILED for the data itself', 'APPEND_FAILED', { cause: '22P02' }],
    ['REPLY_TOO_LARGE of refused items only', 'REPLY_TOO_LARGE', { byCode: { PAYLOAD_INVALID: 3 } }],
    ['PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE', {}],
  ])('takes %s as final', (_what, code, details) => {
    const reply = JSON.stringify({ ok: false, error: { code, message: 'no', details } });
    expect(() => readPublishReply(reply)).toThrow(HubRefusedError);
  });

  it('sends a whole batch again when one of its items met hub trouble', () => {
    const reply = JSON.stringify({
      ok: true,
      results: [
        { ok: true, position: 5, streamPosition: 2, duplicate: false },
        { ok: false, error: { code: 'DATABASE_UNREACHABLE', message: 'not now', details: {} } },
      ],
    });
    expect(() => readPublishReply(reply)).toThrow(HubUnreachableError);
  });
});

describe('the retry delay', () => {
  it('doubles from the initial delay up to the cap, jittered between half and all of it', () => {
    const policy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4].map((a) => retryDelay(policy, a, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect([0, 1, 2, 3, 4].map((a) => retryDelay(policy, a, () => 0))).toEqual([50, 100, 200, 400, 500]);
  });
});
