/**
 * A refusal as a dx.rejections row, bounded: the payload is kept whole up to the recording limit,
 * else its first bytes with the whole's length and SHA-256; bytes that are not UTF-8 text without NUL
 * (which PostgreSQL's text cannot hold) are kept base64-encoded, so nothing is silently replaced. NUL
 * characters in the names and details are written as U+2400 (␀) for the same reason.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { RejectionRow } from './rejections.repository.js';
import type { Rejection } from './rejection.types.js';

const NUL_SHOWN = '\u2400';

export function rejectionRow(rejection: Rejection, keepBytes: number): RejectionRow {
  const bytes = typeof rejection.payload === 'string' ? Buffer.from(rejection.payload) : rejection.payload;
  const whole = rejection.payloadBytes ?? bytes.length;
  const complete = rejection.payloadBytes === undefined || rejection.payloadBytes === bytes.length;
  const text = isUtf8(bytes) && !bytes.includes(0);
  const kept = bytes.subarray(0, Math.min(bytes.length, keepBytes));
  return {
    transport: rejection.transport,
    contract_id: shown(rejection.contract) ?? '',
    contract_version: shown(rejection.version),
    producer: shown(rejection.producer),
    msg_id: shown(rejection.msgId),
    key: shown(rejection.key),
    code: rejection.error.code,
    message: shown(rejection.error.message)!,
    details: JSON.stringify(rejection.error.details, (_key, value: unknown) =>
      typeof value === 'string' ? shown(value) : value,
    ),
    payload: text ? utf8Prefix(kept) : kept.toString('base64'),
    payload_encoding: text ? 'utf8' : 'base64',
    payload_bytes: whole,
    payload_sha256: complete ? createHash('sha256').update(bytes).digest('hex') : null,
    payload_truncated: whole > kept.length,
    request_id: shown(rejection.requestId),
  };
}

/** The bytes as text, without a character the cut at the end split in two. */
function utf8Prefix(bytes: Buffer): string {
  let end = bytes.length;
  // Back off continuation bytes (10xxxxxx) to the lead byte, and drop it if its sequence is incomplete.
  let start = end;
  while (start > 0 && start > end - 4 && (bytes[start - 1]! & 0xc0) === 0x80) start--;
  if (start > 0 && bytes[start - 1]! >= 0xc0) {
    const lead = bytes[start - 1]!;
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (end - (start - 1) < length) end = start - 1;
  }
  return bytes.subarray(0, end).toString('utf8');
}

function shown(value: string | undefined): string | null {
  if (value === undefined) return null;
  return value.includes('\0') ? value.replaceAll('\0', NUL_SHOWN) : value;
}
