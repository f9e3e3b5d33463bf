/**
 * A Prometheus counter whose value another object already keeps (a plain field or a map, counted on a
 * hot path without prom-client's label lookup), read at each scrape.
 */
import { Counter, type LabelValues, type Registry } from 'prom-client';

export interface ReadCounterOptions<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** The current totals: one number, or one per label set. */
  read: () => number | Iterable<[LabelValues<L>, number]>;
}

export function readCounter<L extends string>(registry: Registry, options: ReadCounterOptions<L>): void {
  const { read, ...config } = options;
  new Counter<L>({
    ...config,
    registers: [registry],
    collect() {
      this.reset();
      const totals = read();
      if (typeof totals === 'number') this.inc(totals);
      else for (const [labels, value] of totals) this.inc(labels, value);
    },
  });
}
