/** Publishing, caching, delivery and catch-up: the gateway's features, over NATS and HTTP. */
import { Module } from '@nestjs/common';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { AccessModule } from '../access/access.module.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { OpenApiController } from '../openapi/openapi.controller.js';
import { RejectionRecorder } from '../rejections/rejection-recorder.js';
import { ReplayService } from '../replay/replay.service.js';
import { DataController } from './data.controller.js';
import { GatewayNatsHandlers } from './gateway-nats.handlers.js';
import { IngestMetrics } from './ingest.metrics.js';
import { IngestService } from './ingest.service.js';

@Module({
  imports: [CatalogModule, AccessModule],
  controllers: [DataController, OpenApiController],
  providers: [
    IngestService,
    IngestMetrics,
    DeliveryService,
    LatestValuesService,
    ReplayService,
    GatewayNatsHandlers,
    IdentityGuard,
    RejectionRecorder,
    GatewayMetrics,
  ],
})
export class IngestModule {}
