/**
 * A fixed-period schedule kept by the clock: tick n is due at start + n * period, whatever the ticks
 * before it took, so nothing accumulates. A tick that ends after the next one was due is an overrun;
 * the ticks it swallowed are skipped (not run late in a burst) and the next tick covers their time.
 */
import { performance } from 'node:perf_hooks';

export interface TickInfo {
  /** Which tick of the schedule this is (1, 2, ...). */
  n: number;
  /** Periods since the tick before: 1, or more after an overrun. */
  periods: number;
}

export class TickClock {
  private timer?: NodeJS.Timeout;
  private n = 0;
  private start = 0;
  private stopped = false;
  ticks = 0;
  overruns = 0;
  /** How late a tick began past its due time, the worst so far (ms). */
  maxLateMs = 0;

  constructor(
    private readonly periodMs: number,
    private readonly tick: (info: TickInfo) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  begin(): void {
    this.start = this.now();
    this.schedule(1, 1);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(n: number, periods: number): void {
    if (this.stopped) return;
    const due = this.start + n * this.periodMs;
    this.timer = setTimeout(() => void this.fire(n, periods, due), Math.max(0, due - this.now()));
  }

  private async fire(n: number, periods: number, due: number): Promise<void> {
    if (this.stopped) return;
    this.maxLateMs = Math.max(this.maxLateMs, this.now() - due);
    this.n = n;
    try {
      await this.tick({ n, periods });
    } finally {
      this.ticks++;
      const elapsed = this.now() - this.start;
      // The first tick whose due time is still ahead.
      const next = Math.max(this.n + 1, Math.floor(elapsed / this.periodMs) + 1);
      if (next > this.n + 1) this.overruns++;
      this.schedule(next, next - this.n);
    }
  }
}
