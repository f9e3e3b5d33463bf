/** A progress line on stderr, drawn only when stderr is a terminal and at most ten times a second. */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number | null,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  static enabled(out: NodeJS.WriteStream = process.stderr): boolean {
    return Boolean(out.isTTY);
  }

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const rate = Math.round(done / Math.max((now - this.started) / 1000, 0.001));
    const width = 30;
    const share = this.total ? Math.min(done / this.total, 1) : 0;
    const bar = this.total ? `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ` : '';
    const of = this.total ? ` / ${this.total.toLocaleString('en')}` : '';
    this.out.write(
      `\r${bar}${this.label} ${done.toLocaleString('en')}${of} (${rate.toLocaleString('en')}/s)\x1b[K`,
    );
  }

  finish(done: number): void {
    this.update(done, true);
    this.out.write('\n');
  }
}
