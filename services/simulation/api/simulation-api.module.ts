/** The simulation's front ends (HTTP and NATS) and the service they share. */
import { Module } from '@nestjs/common';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { SimulationDocsController } from '../openapi/simulation-docs.controller.js';
import { SimulationNatsHandlers } from './simulation-nats.handlers.js';
import { SimulationController } from './simulation.controller.js';
import { SimulationMetrics } from './simulation.metrics.js';
import { SimulationService } from './simulation.service.js';

@Module({
  controllers: [SimulationController, SimulationDocsController],
  providers: [SimulationService, SimulationMetrics, SimulationNatsHandlers, IdentityGuard],
})
export class SimulationApiModule {}
