/**
 * Records refusals in dx.rejections, bounded so that no producer can fill the table: each row's payload
 * is bounded (rejectionRow), inserts go in chunks (insertRejections), and each producer may have
 * DX_REJECTIONS_PER_S refusals a second recorded (after a burst of DX_REJECTIONS_BURST). Past that,
 * refusals are still answered and counted (dx_rejections_unrecorded_total{code}), and once a second a
 * summary row per producer (code REFUSALS_NOT_RECORDED) says how many of each code went unrecorded,
 * with the first of them as a sample. Rows are written as a group, one INSERT at a time with every row
 * that came meanwhile, so a flood of refusals costs a few statements and one connection, not one each.
 * A database that cannot take the rows is logged, never thrown: the producer still gets its refusal.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { IngestLimits } from '../../common/config/ingest-limits.js';
import type { DB } from '../../common/db/schema.js';
import { describeError } from '../../common/errors/describe-error.js';
import { DxError } from '../../common/errors/dx-error.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { GATEWAY_LOGGER, INGEST_LIMITS } from '../gateway.tokens.js';
import { rejectionRow } from './rejection-row.js';
import type { Rejection } from './rejection.types.js';
import { insertRejections, type RejectionRow } from './rejections.repository.js';
import { TokenBucket } from './token-bucket.js';

/** Producers tracked at once; a bucket that refilled is forgotten, so only a flood of names reaches it. */
const MAX_PRODUCERS = 10_000;
const SUMMARY_INTERVAL_MS = 1000;
/** How long an answer waits for its refusal's row before it goes out anyway. */
const RECORD_WAIT_MS = 2000;

interface Unrecorded {
  since: Date;
  byCode: Map<string, number>;
  sample: Rejection;
}

@Injectable()
export class RejectionRecorder implements OnApplicationShutdown {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly unrecorded = new Map<string, Unrecorded>();
  /** Refusals not recorded, by code, since the start: for /metrics. */
  readonly unrecordedTotal = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  /** Rows waiting for the next INSERT, and that INSERT once scheduled (it starts after the one in flight). */
  private queued: RejectionRow[] = [];
  private nextWrite?: Promise<void>;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.summarize(), SUMMARY_INTERVAL_MS);
    this.timer.unref();
  }

  async record(rejections: Rejection[]): Promise<void> {
    const rows: RejectionRow[] = [];
    for (const rejection of rejections) {
      const producer = rejection.producer ?? `(unauthenticated over ${rejection.transport})`;
      if (this.bucket(producer).take()) rows.push(rejectionRow(rejection, this.limits.rejectionPayloadBytes));
      else this.skip(producer, rejection);
    }
    // The answer waits for the row, so a producer that reads dx.rejections next finds it; but not for
    // long: with the database away, the refusal is still answered and the row written when it can be.
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, RECORD_WAIT_MS)));
    await Promise.race([this.write(rows), patience]);
    clearTimeout(timer);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.summarize();
  }

  private bucket(producer: string): TokenBucket {
    let bucket = this.buckets.get(producer);
    if (!bucket) {
      if (this.buckets.size >= MAX_PRODUCERS) this.forgetIdle();
      bucket = new TokenBucket(this.limits.rejectionsPerSecond, this.limits.rejectionsBurst);
      this.buckets.set(producer, bucket);
    }
    return bucket;
  }

  private forgetIdle(): void {
    for (const [producer, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(producer);
    // Still full of producers that all refuse right now: drop the oldest rather than grow without end.
    while (this.buckets.size >= MAX_PRODUCERS) this.buckets.delete(this.buckets.keys().next().value!);
  }

  private skip(producer: string, rejection: Rejection): void {
    const code = rejection.error.code;
    this.unrecordedTotal.set(code, (this.unrecordedTotal.get(code) ?? 0) + 1);
    let entry = this.unrecorded.get(producer);
    if (!entry) {
      if (this.unrecorded.size >= MAX_PRODUCERS) return; // counted above; the summary rows are bounded too
      entry = { since: new Date(), byCode: new Map(), sample: rejection };
      this.unrecorded.set(producer, entry);
    }
    entry.byCode.set(code, (entry.byCode.get(code) ?? 0) + 1);
  }

  /** One row per producer that went over its rate since the last summary. */
  private async summarize(): Promise<void> {
    if (this.unrecorded.size === 0) {
      for (const [producer, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(producer);
      return;
    }
    const entries = [...this.unrecorded];
    this.unrecorded.clear();
    const rows = entries.map(([producer, { since, byCode, sample }]) => {
      const counts = Object.fromEntries(byCode);
      const total = [...byCode.values()].reduce((a, b) => a + b, 0);
      const error = new DxError(
        'REFUSALS_NOT_RECORDED',
        `${producer} was refused ${total} more times since ${since.toISOString()} than the ${this.limits.rejectionsPerSecond}/s ` +
          `recorded per producer: counted, not recorded (${Object.entries(counts)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')}); ` +
          'the payload is the first of them, as a sample',
        {
          producer,
          since: since.toISOString(),
          until: new Date().toISOString(),
          byCode: counts,
          sampleCode: sample.error.code,
        },
      );
      return rejectionRow({ ...sample, error }, this.limits.rejectionPayloadBytes);
    });
    await this.write(rows);
  }

  /** Resolves once the rows are written (or their failure logged), together with whatever else came. */
  private write(rows: RejectionRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    this.queued.push(...rows);
    this.nextWrite ??= this.lastWrite = this.lastWrite.then(() => {
      const batch = this.queued;
      this.queued = [];
      this.nextWrite = undefined;
      return this.insert(batch);
    });
    return this.nextWrite;
  }

  private async insert(rows: RejectionRow[]): Promise<void> {
    try {
      await insertRejections(this.db, rows);
    } catch (error) {
      this.logger.error(
        {
          err: describeError(error),
          rows: rows.length,
          first: {
            contract: rows[0]!.contract_id,
            producer: rows[0]!.producer,
            msgId: rows[0]!.msg_id,
            code: rows[0]!.code,
          },
        },
        'could not record refusals in dx.rejections; the producers were answered',
      );
    }
  }
}
