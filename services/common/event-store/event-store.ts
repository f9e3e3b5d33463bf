/** The event store's front: checked, group-committed appends and the reads, over one kysely instance. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DxError } from '../errors/dx-error.js';
import type { CheckedAppend } from './append-events.js';
import { checkAppend } from './check-append.js';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './check-payload.js';
import type { AppendRequest, AppendResult, EventEnvelope } from './event-store.types.js';
import { GroupCommitter } from './group-committer.js';
import { readAsOf, type AsOfOptions } from './read-as-of.js';
import { readAllEnvelopeLines } from './read-envelope-lines.js';
import { readAllEvents, readEvents, type EventFilter, type ReadPage } from './read-events.js';
import { readStateAt, type StateQuery } from './read-state-at.js';
import { readStream } from './read-stream.js';

export interface EventStoreOptions {
  maxPayloadBytes: number;
  maxBatch: number;
  /** Most payload bytes in one group commit (default 16 MiB). */
  maxBatchBytes: number;
  concurrency: number;
  /** A group commit starts beside one in flight only with at least this many appends. */
  parallelFrom: number;
  /** Where the group commit writes (the same pool, with the commit's own deadline); default `db`. */
  commitDb?: Kysely<DB>;
  onCommit?: (batchSize: number, waitedMs: number) => void;
}

export type AppendSettled = { ok: true; result: AppendResult } | { ok: false; error: DxError };

export class EventStore {
  private readonly committer: GroupCommitter;
  /** The largest payload (its JSON, in bytes) an append may carry. */
  readonly maxPayloadBytes: number;

  constructor(
    readonly db: Kysely<DB>,
    options: Partial<EventStoreOptions> = {},
  ) {
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.committer = new GroupCommitter(options.commitDb ?? db, {
      maxBatch: options.maxBatch ?? 1000,
      maxBatchBytes: options.maxBatchBytes,
      // A second transaction beside the one in flight once enough appends wait (parallelFrom): it
      // uses the second core (docs/benchmarks.md).
      concurrency: options.concurrency ?? 2,
      parallelFrom: options.parallelFrom,
      onCommit: options.onCommit,
    });
  }

  /** Resolves with the stored positions once the event is committed; rejects with a DxError. */
  append(request: AppendRequest): Promise<AppendResult> {
    try {
      return this.committer.append(checkAppend(request, this.maxPayloadBytes));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Appends each item on its own, all handed to the group commit at once (so they start in the same
   * transaction when they fit), and reports every outcome in order.
   */
  async appendMany(requests: AppendRequest[]): Promise<AppendSettled[]> {
    const answers: Promise<AppendResult>[] = new Array<Promise<AppendResult>>(requests.length);
    const checked: CheckedAppend[] = [];
    const indexes: number[] = [];
    requests.forEach((request, i) => {
      try {
        checked.push(checkAppend(request, this.maxPayloadBytes));
        indexes.push(i);
      } catch (error) {
        answers[i] = Promise.reject(error);
      }
    });
    this.committer.appendAll(checked).forEach((answer, j) => (answers[indexes[j]!] = answer));
    const settled = await Promise.allSettled(answers);
    return settled.map((s) =>
      s.status === 'fulfilled' ? { ok: true, result: s.value } : { ok: false, error: asDxError(s.reason) },
    );
  }

  /** How long the oldest transaction in flight has waited for PostgreSQL (0: none in flight). */
  commitWaitMs(): number {
    return this.committer.oldestInFlightMs();
  }

  /** Waits until every append handed in so far is answered. */
  drain(): Promise<void> {
    return this.committer.drain();
  }

  read(filter: EventFilter, page: ReadPage): Promise<EventEnvelope[]> {
    return readEvents(this.db, filter, page);
  }

  readAll(filter: EventFilter, after = 0, pageSize?: number): AsyncGenerator<EventEnvelope[]> {
    return readAllEvents(this.db, filter, after, pageSize);
  }

  /** The same as readAll, each envelope already as its JSON text: what replays send on. */
  readAllLines(filter: EventFilter, after = 0, pageSize?: number): AsyncGenerator<string[]> {
    return readAllEnvelopeLines(this.db, filter, after, pageSize);
  }

  readStream(contractId: string, key: string, page?: ReadPage): Promise<EventEnvelope[]> {
    return readStream(this.db, contractId, key, page);
  }

  /** Waits until `at` is settled (read-as-of.ts), so the answer never changes afterwards. */
  readAsOf(contractId: string, at: Date, key?: string, options?: AsOfOptions): Promise<EventEnvelope[]> {
    return readAsOf(this.db, contractId, at, key, options);
  }

  /** The state at an instant on either timeline (read-state-at.ts). */
  readStateAt(query: StateQuery): Promise<EventEnvelope[]> {
    return readStateAt(this.db, query);
  }
}

function asDxError(reason: unknown): DxError {
  if (reason instanceof DxError) return reason;
  return new DxError('APPEND_FAILED', reason instanceof Error ? reason.message : String(reason));
}
