/**
 * A token bucket: `burst` at once, then `perSecond`. Hand-written because it is a dozen lines and the
 * recorder needs one per producer with no timers of its own; the rate libraries on npm wrap the same
 * arithmetic in promises and timers.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes one token if there is one. */
  take(now = performance.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Whether the bucket is full again (nobody used it lately): it can then be forgotten. */
  full(now = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}
