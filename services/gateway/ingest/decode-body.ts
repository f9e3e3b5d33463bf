/**
 * A publish body from raw bytes to JSON, each check before the work it protects: its size, strict
 * UTF-8 (no silent U+FFFD), no raw NUL byte, the nesting depth, then the parse. Every refusal names
 * the rule, the limit and the byte offset where the body broke it.
 */
import { isUtf8 } from 'node:buffer';
import type { IngestLimits } from '../../common/config/ingest-limits.js';
import { DxError } from '../../common/errors/dx-error.js';
import { invalidUtf8Offset } from './invalid-utf8-offset.js';
import { depthExceededAt } from './json-depth.js';

export function decodeBody(
  bytes: Buffer,
  limits: Pick<IngestLimits, 'maxBodyBytes' | 'maxJsonDepth'>,
): unknown {
  if (bytes.length > limits.maxBodyBytes) throw bodyTooLarge(bytes.length, limits.maxBodyBytes);
  if (!isUtf8(bytes)) {
    const offset = invalidUtf8Offset(bytes);
    throw new DxError(
      'PAYLOAD_INVALID',
      `the body is not valid UTF-8: an invalid byte sequence at byte ${offset}`,
      {
        pointer: '',
        rule: 'utf8',
        expected: 'UTF-8',
        offset,
      },
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DxError(
      'PAYLOAD_INVALID',
      `the body contains a NUL byte at byte ${nul}, which JSON does not allow`,
      {
        pointer: '',
        rule: 'noNul',
        offset: nul,
      },
    );
  }
  const deep = depthExceededAt(bytes, limits.maxJsonDepth);
  if (deep >= 0) {
    throw new DxError(
      'PAYLOAD_INVALID',
      `the body nests arrays and objects more than ${limits.maxJsonDepth} deep (at byte ${deep})`,
      { pointer: '', rule: 'maxDepth', expected: limits.maxJsonDepth, offset: deep },
    );
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new DxError('PAYLOAD_INVALID', `the body is not JSON: ${(error as Error).message}`, {
      pointer: '',
      rule: 'json',
      expected: 'JSON',
    });
  }
}

export function bodyTooLarge(actual: number, limit: number, known = true): DxError {
  return new DxError(
    'PAYLOAD_TOO_LARGE',
    `the body is ${known ? '' : 'more than '}${actual} bytes, the limit is ${limit} (DX_MAX_BODY_BYTES)`,
    { pointer: '', rule: 'maxBodyBytes', expected: limit, actual },
  );
}
