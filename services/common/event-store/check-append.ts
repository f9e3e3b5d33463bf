/** Checks an append request's identity fields and payload; everything here is refused before any I/O. */
import { DxError } from '../errors/dx-error.js';
import type { CheckedAppend } from './append-events.js';
import type { AppendRequest } from './event-store.types.js';
import { checkPayload } from './check-payload.js';
import { normalEventTime } from './timeline.js';

const MAX_FIELD_LENGTH = 200;
const FIELDS = ['contractId', 'contractVersion', 'key', 'producer', 'msgId'] as const;

export function checkAppend(request: AppendRequest, maxPayloadBytes: number): CheckedAppend {
  for (const field of FIELDS) {
    const value: unknown = request[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_LENGTH) {
      throw new DxError(
        'APPEND_INVALID',
        `${field} must be a string of 1 to ${MAX_FIELD_LENGTH} characters`,
        {
          field,
          rule: 'length',
          expected: `1..${MAX_FIELD_LENGTH}`,
        },
      );
    }
    if (value.includes('\0')) {
      throw new DxError('APPEND_INVALID', `${field} must not contain the NUL character`, {
        field,
        rule: 'noNul',
      });
    }
  }
  const expected = request.expectedPosition;
  if (expected !== undefined && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new DxError('APPEND_INVALID', `expectedPosition must be an integer >= 0, got ${String(expected)}`, {
      field: 'expectedPosition',
      rule: 'minimum',
      expected: 0,
    });
  }
  const supersedes = request.supersedes;
  if (supersedes !== undefined && (!Number.isSafeInteger(supersedes) || supersedes < 1)) {
    throw new DxError(
      'APPEND_INVALID',
      `supersedes must be a global position >= 1, got ${String(supersedes)}`,
      {
        field: 'supersedes',
        rule: 'minimum',
        expected: 1,
      },
    );
  }
  return {
    ...request,
    eventTime: request.eventTime === undefined ? undefined : checkedEventTime(request.eventTime),
    payloadJson: request.payloadJson ?? checkPayload(request.payload, maxPayloadBytes),
  };
}

function checkedEventTime(value: string): string {
  const normal = normalEventTime(value);
  if (normal === undefined) {
    throw new DxError('APPEND_INVALID', `eventTime must be an ISO 8601 time, got ${JSON.stringify(value)}`, {
      field: 'eventTime',
      rule: 'format',
      expected: 'date-time',
    });
  }
  return normal;
}
