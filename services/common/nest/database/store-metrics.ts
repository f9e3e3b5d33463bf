/** How many events each group commit carried: the figure that shows group commit at work. */
export const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export class StoreMetrics {
  readonly buckets = new Array<number>(BATCH_BUCKETS.length).fill(0);
  commits = 0;
  events = 0;

  observe(batchSize: number): void {
    this.commits++;
    this.events += batchSize;
    BATCH_BUCKETS.forEach((le, i) => {
      if (batchSize <= le) this.buckets[i]!++;
    });
  }
}
