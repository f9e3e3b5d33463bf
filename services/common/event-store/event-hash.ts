/**
 * An event's hash, computed in Node exactly as dx.event_hash computes it in PostgreSQL (the audit's
 * recomputation, docs/storage.md#tamper-evidence): SHA-256 over the identity line (jsonb_build_array's
 * text of global position, stream position, contract, version, key, producer, msg id and recorded time
 * in epoch milliseconds, then event time in epoch milliseconds and the superseded position when either
 * is there), a newline, the payload's jsonb text (jsonb-text.ts), a newline, and the previous hash of
 * the stream (32 zero bytes for the first event).
 */
import { createHash } from 'node:crypto';
import { jsonbText } from './jsonb-text.js';

export const ZERO_HASH = Buffer.alloc(32);

export interface HashedEvent {
  globalPosition: number;
  streamPosition: number;
  contractId: string;
  contractVersion: string;
  key: string;
  producer: string;
  msgId: string;
  recordedAtMs: number;
  /** Epoch milliseconds of the event time, when the event carries one. */
  eventAtMs?: number;
  supersedes?: number;
  payload: unknown;
}

export function eventHash(event: HashedEvent, previous: Buffer): Buffer {
  const identity: (string | number | null)[] = [
    event.globalPosition,
    event.streamPosition,
    event.contractId,
    event.contractVersion,
    event.key,
    event.producer,
    event.msgId,
    event.recordedAtMs,
  ];
  if (event.eventAtMs !== undefined || event.supersedes !== undefined) {
    identity.push(event.eventAtMs ?? null, event.supersedes ?? null);
  }
  const line = `${identity.map((part) => JSON.stringify(part)).join(', ')}`;
  return createHash('sha256')
    .update(`[${line}]\n${jsonbText(event.payload)}\n`)
    .update(previous)
    .digest();
}
