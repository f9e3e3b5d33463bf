/**
 * What the store refuses before it opens a transaction, so that one bad item never fails a batch:
 * payloads that are not JSON objects, that exceed the size limit, or that PostgreSQL's jsonb cannot
 * hold (the NUL character). Returns the payload's JSON text, which is what travels to the database.
 */
import { DxError } from '../errors/dx-error.js';

export const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

export function checkPayload(payload: unknown, maxBytes: number): string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    const got = payload === null ? 'null' : Array.isArray(payload) ? 'array' : typeof payload;
    throw new DxError('PAYLOAD_NOT_OBJECT', `payload must be a JSON object, got ${got}`, {
      pointer: '',
      rule: 'type',
      expected: 'object',
      actual: got,
    });
  }
  let text: string;
  try {
    text = JSON.stringify(payload);
  } catch (error) {
    throw new DxError('PAYLOAD_INVALID', `payload is not JSON: ${(error as Error).message}`, { pointer: '' });
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) {
    throw new DxError('PAYLOAD_TOO_LARGE', `payload is ${bytes} bytes, the limit is ${maxBytes}`, {
      pointer: '',
      rule: 'maxBytes',
      expected: maxBytes,
      actual: bytes,
    });
  }
  if (text.includes('\\u0000') && containsNul(payload)) {
    throw new DxError(
      'PAYLOAD_INVALID',
      'payload contains the NUL character (\\u0000), which cannot be stored',
      {
        pointer: '',
        rule: 'noNul',
      },
    );
  }
  return text;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(containsNul);
  return Object.entries(value).some(([key, member]) => key.includes('\0') || containsNul(member));
}
