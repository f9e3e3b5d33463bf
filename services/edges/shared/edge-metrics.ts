/**
 * An edge's counters and gauges, on a prom-client registry served on GET /metrics (with the process's
 * default metrics when the edge runs as its own process) and summed for the tests. Every family is
 * registered at start, so /metrics names it before its first sample. Every series has the label
 * `adapter`; the other labels are bounded (outcomes, refusal reasons, connections, mapped contracts and
 * Sparkplug groups), never a topic, tag or message id.
 */
import { Counter, Gauge, Registry } from 'prom-client';

/** The metric names every adapter uses. */
export const METRICS = {
  messages: 'dx_edge_messages_total',
  refusals: 'dx_edge_refusals_total',
  written: 'dx_edge_written_total',
  writeFailures: 'dx_edge_write_failures_total',
  inflight: 'dx_edge_inflight',
  connected: 'dx_edge_connected',
  gaps: 'dx_edge_gaps_total',
  rebirths: 'dx_edge_rebirth_requests_total',
} as const;

type Name = (typeof METRICS)[keyof typeof METRICS];
type Labels = Record<string, string>;

const FAMILIES: Record<Name, { type: 'counter' | 'gauge'; help: string; labelNames: string[] }> = {
  [METRICS.messages]: { type: 'counter', help: 'Plant messages, by outcome.', labelNames: ['outcome'] },
  [METRICS.refusals]: { type: 'counter', help: 'Plant messages refused, by reason.', labelNames: ['reason'] },
  [METRICS.written]: { type: 'counter', help: 'Hub events written to the plant.', labelNames: ['contract'] },
  [METRICS.writeFailures]: {
    type: 'counter',
    help: 'Setpoint writes the plant server refused, by status.',
    labelNames: ['code'],
  },
  [METRICS.inflight]: { type: 'gauge', help: 'Plant messages not yet safe.', labelNames: [] },
  [METRICS.connected]: { type: 'gauge', help: 'Whether the plant connection is up.', labelNames: ['to'] },
  [METRICS.gaps]: {
    type: 'counter',
    help: 'Gaps in the plant data (a lost connection, a Sparkplug sequence gap).',
    labelNames: ['group'],
  },
  [METRICS.rebirths]: { type: 'counter', help: 'Sparkplug rebirth requests sent.', labelNames: ['group'] },
};

export class EdgeMetrics {
  private readonly series = new Map<Name, Counter | Gauge>();

  constructor(
    private readonly adapter: string,
    readonly registry: Registry = new Registry(),
  ) {
    for (const [name, family] of Object.entries(FAMILIES) as [Name, (typeof FAMILIES)[Name]][]) {
      const config = {
        name,
        help: family.help,
        labelNames: ['adapter', ...family.labelNames],
        registers: [registry],
      };
      this.series.set(name, family.type === 'counter' ? new Counter(config) : new Gauge(config));
    }
  }

  count(name: Name, labels: Labels = {}, by = 1): void {
    (this.series.get(name) as Counter).inc({ adapter: this.adapter, ...labels }, by);
  }

  set(name: Name, value: number, labels: Labels = {}): void {
    (this.series.get(name) as Gauge).set({ adapter: this.adapter, ...labels }, value);
  }

  /** The sum of a series over the label sets that match the filter (0 when it has none yet). */
  async total(name: Name, filter: Labels = {}): Promise<number> {
    const { values } = await this.series.get(name)!.get();
    return values
      .filter((v) => Object.entries(filter).every(([k, want]) => v.labels[k] === want))
      .reduce((sum, v) => sum + v.value, 0);
  }

  /** The registry in Prometheus' text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
