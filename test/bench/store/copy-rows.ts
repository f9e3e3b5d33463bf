/**
 * The rows the store would write for a list of appends (global and stream positions, the payload, a
 * 32-byte chained hash per event), computed up front; the raw COPY baseline sends them encoded in COPY's
 * text format and the raw INSERT baseline as parameters, so both measure PostgreSQL's write of rows of
 * the same shape and nothing else (the hash here is SHA-256 over payload and previous hash, computed
 * before timing; its exact recipe does not change the cost of writing it).
 */
import { createHash } from 'node:crypto';
import type { AppendRequest } from '../../../services/common/event-store/event-store.types.js';

/** Every column of dx.events but tx_id, which keeps its default (the writing transaction's id). */
export const COPY_COLUMNS =
  'global_position, contract_id, contract_version, key, stream_position, producer, msg_id, payload, recorded_at, hash';

const CHUNK_BYTES = 1 << 20;

export interface CopyRows {
  chunks: Buffer[];
  rows: number;
  bytes: number;
}

/** One row of dx.events as the store would write it, in the order of COPY_COLUMNS. */
export type EventRow = [number, string, string, string, number, string, string, string, string, Buffer];

/**
 * The rows of consecutive slices of one log (say a warm-up and the timed part): positions and hash
 * chains run on from one slice to the next, as they would in the store.
 */
export function eventRows(slices: AppendRequest[][], recordedAt: Date): EventRow[][] {
  const streamPositions = new Map<string, number>();
  const lastHash = new Map<string, Buffer>();
  const recorded = recordedAt.toISOString();
  let position = 0;
  return slices.map((events) =>
    events.map((event): EventRow => {
      const id = `${event.contractId}/${event.key}`;
      const streamPosition = (streamPositions.get(id) ?? 0) + 1;
      streamPositions.set(id, streamPosition);
      const payload = JSON.stringify(event.payload);
      const hash = createHash('sha256')
        .update(payload)
        .update(lastHash.get(id) ?? Buffer.alloc(32))
        .digest();
      lastHash.set(id, hash);
      return [
        ++position,
        event.contractId,
        event.contractVersion,
        event.key,
        streamPosition,
        event.producer,
        event.msgId,
        payload,
        recorded,
        hash,
      ];
    }),
  );
}

/** The rows of eventRows, encoded in COPY's text format. */
export function copyRows(slices: EventRow[][]): CopyRows[] {
  return slices.map((rows) => {
    const encoder = new ChunkEncoder();
    for (const row of rows) {
      const [position, contract, version, key, streamPosition, producer, msgId, payload, recorded, hash] =
        row;
      encoder.add(
        [
          position,
          copyText(contract),
          copyText(version),
          copyText(key),
          streamPosition,
          copyText(producer),
          copyText(msgId),
          copyText(payload),
          recorded,
          `\\\\x${hash.toString('hex')}`,
        ].join('\t') + '\n',
      );
    }
    return encoder.finish();
  });
}

/** Gathers lines into buffers of about a megabyte, the size the COPY stream is fed with. */
class ChunkEncoder {
  private readonly chunks: Buffer[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private rows = 0;
  private bytes = 0;

  add(line: string): void {
    this.pending.push(line);
    this.pendingLength += line.length;
    this.rows++;
    if (this.pendingLength >= CHUNK_BYTES) this.flush();
  }

  finish(): CopyRows {
    if (this.pending.length > 0) this.flush();
    return { chunks: this.chunks, rows: this.rows, bytes: this.bytes };
  }

  private flush(): void {
    const chunk = Buffer.from(this.pending.join(''));
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    this.pending = [];
    this.pendingLength = 0;
  }
}

/** COPY's text format: backslash, tab, newline and carriage return are escaped with a backslash. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : value;
}
