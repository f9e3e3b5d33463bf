/** GET /metrics in Prometheus' text format: ingest, refusals, ack latency, deliveries. */
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { STORE_METRICS } from '../../common/nest/database/database.tokens.js';
import { BATCH_BUCKETS, type StoreMetrics } from '../../common/nest/database/store-metrics.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { IngestMetrics } from '../ingest/ingest.metrics.js';

@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly ingest: IngestMetrics,
    private readonly delivery: DeliveryService,
    @Inject(STORE_METRICS) private readonly store: StoreMetrics,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('dx_ingest_events_total', 'counter', 'Events stored, by contract.');
    for (const [contract, n] of this.ingest.accepted)
      lines.push(`dx_ingest_events_total{contract="${contract}"} ${n}`);
    family('dx_ingest_refusals_total', 'counter', 'Refused publishes and items, by error code.');
    for (const [code, n] of this.ingest.refusals) lines.push(`dx_ingest_refusals_total{code="${code}"} ${n}`);
    family(
      'dx_ingest_ack_seconds',
      'histogram',
      'From receipt of a publish to its answer (after the commit).',
    );
    IngestMetrics.buckets.forEach((le, i) =>
      lines.push(`dx_ingest_ack_seconds_bucket{le="${le}"} ${this.ingest.ackBuckets[i]}`),
    );
    lines.push(`dx_ingest_ack_seconds_bucket{le="+Inf"} ${this.ingest.ackCount}`);
    lines.push(
      `dx_ingest_ack_seconds_sum ${this.ingest.ackSum}`,
      `dx_ingest_ack_seconds_count ${this.ingest.ackCount}`,
    );
    family('dx_delivery_seconds', 'histogram', 'From receipt of a publish to its events handed to NATS.');
    IngestMetrics.buckets.forEach((le, i) =>
      lines.push(`dx_delivery_seconds_bucket{le="${le}"} ${this.ingest.deliveryBuckets[i]}`),
    );
    lines.push(`dx_delivery_seconds_bucket{le="+Inf"} ${this.ingest.deliveryCount}`);
    lines.push(
      `dx_delivery_seconds_sum ${this.ingest.deliverySum}`,
      `dx_delivery_seconds_count ${this.ingest.deliveryCount}`,
    );
    family('dx_store_commit_events', 'histogram', 'Events per group commit.');
    BATCH_BUCKETS.forEach((le, i) =>
      lines.push(`dx_store_commit_events_bucket{le="${le}"} ${this.store.buckets[i]}`),
    );
    lines.push(`dx_store_commit_events_bucket{le="+Inf"} ${this.store.commits}`);
    lines.push(
      `dx_store_commit_events_sum ${this.store.events}`,
      `dx_store_commit_events_count ${this.store.commits}`,
    );
    family('dx_delivery_messages_total', 'counter', 'Envelopes published on dx.data subjects.');
    lines.push(`dx_delivery_messages_total ${this.delivery.delivered}`);
    family(
      'dx_delivery_unreachable_total',
      'counter',
      'Events a live major got nothing of: no transform reaches it.',
    );
    for (const [target, n] of this.delivery.unreachable)
      lines.push(`dx_delivery_unreachable_total{major="${target}"} ${n}`);
    return `${lines.join('\n')}\n`;
  }
}
