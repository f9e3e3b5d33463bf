/**
 * The event store's group commit as /metrics shows it: how many events each commit carried (the
 * figure that shows group commit at work) and how long its oldest append waited for it.
 */
import { Histogram, type Registry } from 'prom-client';

/** Events per group commit. */
export const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
/** Seconds an append waits for its commit. */
export const WAIT_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export class StoreMetrics {
  private readonly events: Histogram;
  private readonly wait: Histogram;

  constructor(registry: Registry) {
    this.events = new Histogram({
      name: 'dx_store_commit_events',
      help: 'Events per group commit.',
      buckets: BATCH_BUCKETS,
      registers: [registry],
    });
    this.wait = new Histogram({
      name: 'dx_store_commit_wait_seconds',
      help: 'From the oldest append of a group commit handed to the store to the commit of its transaction.',
      buckets: WAIT_BUCKETS,
      registers: [registry],
    });
  }

  observe(batchSize: number, waitedMs: number): void {
    this.events.observe(batchSize);
    this.wait.observe(waitedMs / 1000);
  }
}
