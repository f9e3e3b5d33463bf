/**
 * Group commit: appends that arrive while a transaction is in flight wait for the next one, and all
 * of them are written in one transaction and answered together, after it commits. A batch that fails
 * as a whole is retried item by item, so one poison item costs only its own append.
 *
 * Repeats of stored messages are rare, so a batch is first written without looking them up (one round
 * trip and one index probe per event less); if the idempotency key refuses it, the batch is written
 * again with the lookup, which answers the repeats with their original positions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DxError } from '../errors/dx-error.js';
import { appendEvents, isStoredRepeat, type AppendOutcome, type CheckedAppend } from './append-events.js';
import type { AppendResult } from './event-store.types.js';

const DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;

interface Pending {
  request: CheckedAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

export interface GroupCommitterOptions {
  /** Most appends in one transaction. */
  maxBatch: number;
  /**
   * Most payload bytes in one transaction (one item always goes, whatever its size): a thousand
   * large payloads must not become one parameter of hundreds of megabytes.
   */
  maxBatchBytes?: number;
  /** Transactions in flight at once (each on its own connection). */
  concurrency: number;
  /** Called after each commit with the number of events it carried. */
  onCommit?: (batchSize: number) => void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Streams written by transactions in flight, with how many appends of each. */
  private readonly busy = new Map<string, number>();
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: GroupCommitterOptions,
  ) {}

  append(request: CheckedAppend): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Resolves when every append handed in so far has been answered. */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const streams = batch.map((pending) => streamOf(pending.request));
      for (const stream of streams) this.busy.set(stream, (this.busy.get(stream) ?? 0) + 1);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        for (const stream of streams) {
          const left = this.busy.get(stream)! - 1;
          if (left === 0) this.busy.delete(stream);
          else this.busy.set(stream, left);
        }
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) this.idle.splice(0).forEach((done) => done());
      });
    }
  }

  /**
   * The queued appends the next transaction takes, in queue order: up to maxBatch and maxBatchBytes,
   * and none of a stream that a transaction in flight is writing. Transactions in flight then never
   * wait for each other's stream locks, and the appends of one stream still commit in arrival order
   * (an append stays queued behind an earlier one of its stream).
   */
  private takeBatch(): Pending[] {
    const limit = this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    const taken: Pending[] = [];
    const kept: Pending[] = [];
    const held = new Set<string>();
    let bytes = 0;
    let next = 0;
    for (; next < this.queue.length; next++) {
      const pending = this.queue[next]!;
      const size = pending.request.payloadJson.length;
      if (taken.length >= this.options.maxBatch || (taken.length > 0 && bytes + size > limit)) break;
      const stream = streamOf(pending.request);
      if (this.busy.has(stream) || held.has(stream)) {
        held.add(stream);
        kept.push(pending);
        continue;
      }
      bytes += size;
      taken.push(pending);
    }
    this.queue = next < this.queue.length ? kept.concat(this.queue.slice(next)) : kept;
    return taken;
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.transaction(batch);
      this.options.onCommit?.(batch.length);
      batch.forEach((pending, i) => settle(pending, outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(appendFailed(error));
        return;
      }
      for (const pending of batch) await this.commit([pending]);
    }
  }

  private async transaction(batch: Pending[]): Promise<AppendOutcome[]> {
    const requests = batch.map((p) => p.request);
    // One statement is its own transaction: no BEGIN and COMMIT round trips.
    const write = (lookUpStored: boolean) => appendEvents(this.db, requests, { lookUpStored });
    try {
      return await write(false);
    } catch (error) {
      if (!isStoredRepeat(error)) throw error;
      return write(true);
    }
  }
}

function streamOf(request: CheckedAppend): string {
  return `${request.contractId}\u001f${request.key}`;
}

function settle(pending: Pending, outcome: AppendOutcome): void {
  if (outcome instanceof DxError) pending.reject(outcome);
  else pending.resolve(outcome);
}

function appendFailed(error: unknown): DxError {
  if (error instanceof DxError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DxError('APPEND_FAILED', `the store could not write this event: ${message}`, {
    cause: (error as { code?: string }).code,
  });
}
