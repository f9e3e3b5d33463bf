/**
 * Group commit: appends that arrive while a transaction is in flight wait for the next one, and all
 * of them are written in one transaction and answered together, after it commits. A batch that fails
 * as a whole is retried item by item, so one poison item costs only its own append.
 *
 * The appends of one stream commit in the order they were handed in, and none commits after one before
 * it failed for want of an answer (the caller sends that one again): the appends of its stream still
 * waiting are failed with it, so a retry cannot land behind its successors.
 *
 * Repeats of stored messages are rare, so a batch is first written without looking them up (one round
 * trip and one index probe per event less); if the idempotency key refuses it, the batch is written
 * again with the lookup, which answers the repeats with their original positions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DxError } from '../errors/dx-error.js';
import {
  appendEvents,
  isSecondCorrection,
  isStoredRepeat,
  type AppendOutcome,
  type CheckedAppend,
} from './append-events.js';
import type { AppendResult } from './event-store.types.js';
import { databaseFailure, isDatabaseUnavailable } from '../db/database-failure.js';

const DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;

/**
 * A transaction starts beside one in flight only with at least this many appends. Two in flight use
 * the second core: bulk appends of 1,000 events went from 27,000 to 46,000 events/s, and 64
 * producers of one event each from 16,900 to 21,000 (commits of 30 instead of 64, which cost
 * PostgreSQL a quarter more per event). Fewer would pay a transaction's fixed cost for too little;
 * a threshold of half the producers (32 of 64) left the commits one at a time at half the size,
 * 13,800 events/s (docs/benchmarks.md, 2026-12-07, fifth session).
 */
export const DEFAULT_PARALLEL_FROM = 16;

interface Pending {
  request: CheckedAppend;
  /** performance.now() when it was handed in. */
  queuedAt: number;
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
  /** A transaction starts while another is in flight only with at least this many appends. */
  parallelFrom?: number;
  /** Called after each commit with the number of events it carried and how long its oldest waited (ms). */
  onCommit?: (batchSize: number, waitedMs: number) => void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** When each transaction in flight started (performance.now()). */
  private readonly started = new Set<{ at: number }>();
  /** Streams written by transactions in flight, with how many appends of each. */
  private readonly busy = new Map<string, number>();
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: GroupCommitterOptions,
  ) {}

  append(request: CheckedAppend): Promise<AppendResult> {
    return this.appendAll([request])[0]!;
  }

  /** Hands in several appends at once, so that they start in the same transaction when they fit. */
  appendAll(requests: CheckedAppend[]): Promise<AppendResult>[] {
    const queuedAt = performance.now();
    const answers = requests.map(
      (request) =>
        new Promise<AppendResult>((resolve, reject) =>
          this.queue.push({ request, queuedAt, resolve, reject }),
        ),
    );
    this.pump();
    return answers;
  }

  /** How long the oldest transaction in flight has been waiting, in ms; 0 when none is. */
  oldestInFlightMs(): number {
    let oldest = Infinity;
    for (const { at } of this.started) oldest = Math.min(oldest, at);
    return oldest === Infinity ? 0 : performance.now() - oldest;
  }

  /** Resolves when every append handed in so far has been answered. */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const least = this.inFlight === 0 ? 1 : (this.options.parallelFrom ?? DEFAULT_PARALLEL_FROM);
      // Not enough queued to start beside the one in flight: no need to look through the queue.
      if (this.queue.length < least) return;
      const batch = this.takeBatch(least);
      if (batch.length === 0) return;
      const streams = batch.map((pending) => streamOf(pending.request));
      for (const stream of streams) this.busy.set(stream, (this.busy.get(stream) ?? 0) + 1);
      this.inFlight++;
      const started = { at: performance.now() };
      this.started.add(started);
      void this.commit(batch).finally(() => {
        this.started.delete(started);
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
   * (an append stays queued behind an earlier one of its stream). Fewer than `least`: none, and the
   * queue stays as it was.
   */
  private takeBatch(least: number): Pending[] {
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
    if (taken.length < least) return [];
    this.queue = next < this.queue.length ? kept.concat(this.queue.slice(next)) : kept;
    return taken;
  }

  /** Writes a batch and answers each append; false when the database gave no answer. */
  private async commit(batch: Pending[]): Promise<boolean> {
    try {
      const outcomes = await this.transaction(batch);
      this.options.onCommit?.(batch.length, performance.now() - batch[0]!.queuedAt);
      batch.forEach((pending, i) => settle(pending, outcomes[i]!));
      return true;
    } catch (error) {
      // A database that is not there fails every item alike: trying them one by one would only wait
      // for it once per item.
      const unanswered = isDatabaseUnavailable(error);
      if (batch.length === 1 || unanswered) {
        for (const pending of batch) pending.reject(appendFailed(error, pending.request));
        if (unanswered) this.failQueuedOf(batch);
        return !unanswered;
      }
      // One by one; a stream whose append got no answer stops there.
      const stopped = new Set<string>();
      for (const pending of batch) {
        const stream = streamOf(pending.request);
        if (stopped.has(stream)) rejectBehind(pending);
        else if (!(await this.commit([pending]))) stopped.add(stream);
      }
      return true;
    }
  }

  /** Fails the queued appends of the streams of appends that got no answer (see the top). */
  private failQueuedOf(failed: Pending[]): void {
    const streams = new Set(failed.map((pending) => streamOf(pending.request)));
    const kept: Pending[] = [];
    for (const pending of this.queue) {
      if (streams.has(streamOf(pending.request))) rejectBehind(pending);
      else kept.push(pending);
    }
    this.queue = kept;
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

/** Fails an append queued behind one of its stream that got no answer: it was not tried. */
function rejectBehind(pending: Pending): void {
  pending.reject(
    new DxError(
      'DATABASE_UNREACHABLE',
      `this append of ${pending.request.key} was not written: an earlier append of its stream got no answer ` +
        'from PostgreSQL, and this one must not be stored before it; send both again with the same message ids',
      { key: pending.request.key, maybeApplied: false },
    ),
  );
}

function settle(pending: Pending, outcome: AppendOutcome): void {
  if (outcome instanceof DxError) pending.reject(outcome);
  else pending.resolve(outcome);
}

/** Why an append failed: a correction that lost a race, or what databaseFailure says of the rest. */
function appendFailed(error: unknown, request: CheckedAppend): DxError {
  if (isSecondCorrection(error)) {
    return new DxError(
      'CORRECTION_CONFLICT',
      `event ${request.supersedes} was corrected by another event at the same moment; read its stream and correct the newest`,
      { field: 'supersedes', supersedes: request.supersedes, rule: 'once' },
    );
  }
  return databaseFailure(error, 'this append');
}
