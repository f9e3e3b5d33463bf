/**
 * The ingest figures /metrics reports: accepted events by contract, refusals by code and contract,
 * the time from receipt to ack and from receipt to delivery (histograms, seconds). A refusal of a
 * contract the catalog does not know is counted under `contract="(unknown)"`: a producer can name any
 * subject, and a label per name would grow without bound.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../../common/nest/metrics/metrics.tokens.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';

const BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
export const UNKNOWN_CONTRACT = '(unknown)';

@Injectable()
export class IngestMetrics {
  private readonly accepted: Counter<'contract'>;
  private readonly refusals: Counter<'code' | 'contract'>;
  private readonly ack: Histogram;
  private readonly delivery: Histogram;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly catalog: ContractCatalog,
  ) {
    const registers = [registry];
    this.accepted = new Counter({
      name: 'dx_ingest_events_total',
      help: 'Events stored, by contract.',
      labelNames: ['contract'],
      registers,
    });
    this.refusals = new Counter({
      name: 'dx_ingest_refusals_total',
      help: 'Refused publishes and items, by error code and contract.',
      labelNames: ['code', 'contract'],
      registers,
    });
    this.ack = new Histogram({
      name: 'dx_ingest_ack_seconds',
      help: 'From receipt of a publish to its answer (after the commit).',
      buckets: BUCKETS,
      registers,
    });
    this.delivery = new Histogram({
      name: 'dx_delivery_seconds',
      help: 'From receipt of a publish to its events handed to NATS.',
      buckets: BUCKETS,
      registers,
    });
  }

  /** From receipt of a publish to its events handed to NATS on every live major. */
  delivered(ms: number): void {
    this.delivery.observe(ms / 1000);
  }

  observe(contract: string, events: number, ms: number): void {
    this.accepted.inc({ contract }, events);
    this.ack.observe(ms / 1000);
  }

  refused(code: string, contract: string): void {
    const known = this.catalog.contract(contract) !== undefined;
    this.refusals.inc({ code, contract: known ? contract : UNKNOWN_CONTRACT });
  }
}
