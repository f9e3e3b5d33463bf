/**
 * The gateway's figures that its features keep themselves, on /metrics: live delivery (messages sent,
 * refused by the bus, events a live major could not get), refusals past the recording rate, and the
 * store's fence and head as last read. Ingest's own figures are IngestMetrics.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { readCounter } from '../../common/metrics/read-counter.js';
import { METRICS_REGISTRY } from '../../common/nest/metrics/metrics.tokens.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { StoreFenceService } from '../head/store-fence.service.js';
import { RejectionRecorder } from '../rejections/rejection-recorder.js';

@Injectable()
export class GatewayMetrics {
  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    delivery: DeliveryService,
    rejections: RejectionRecorder,
    fences: StoreFenceService,
  ) {
    readCounter(registry, {
      name: 'dx_delivery_messages_total',
      help: 'Envelopes published on dx.data subjects.',
      read: () => delivery.delivered,
    });
    readCounter(registry, {
      name: 'dx_delivery_undeliverable_total',
      help: 'Envelopes not published on dx.data: over max_payload, NATS closed or draining, or a delivery that failed. Subscribers read them from the store.',
      read: () => delivery.undeliverable,
    });
    readCounter(registry, {
      name: 'dx_delivery_unreachable_total',
      help: 'Events a live major got nothing of: no transform reaches it.',
      labelNames: ['contract', 'major'],
      read: () =>
        [...delivery.unreachable].map(([id, n]) => {
          const [contract, major] = id.split(' v');
          return [{ contract: contract!, major: major! }, n];
        }),
    });
    readCounter(registry, {
      name: 'dx_rejections_unrecorded_total',
      help: "Refusals past a producer's recording rate: answered and counted, summarized once a second.",
      labelNames: ['code'],
      read: () => [...rejections.unrecordedTotal].map(([code, n]) => [{ code }, n]),
    });
    new Gauge({
      name: 'dx_store_fence_position',
      help: 'The fence of the store as last read: every event up to it has committed.',
      registers: [registry],
      collect() {
        this.set(fences.current.fence);
      },
    });
    new Gauge({
      name: 'dx_store_head_position',
      help: 'The highest global position committed, as last read.',
      registers: [registry],
      collect() {
        this.set(fences.current.head);
      },
    });
  }
}
