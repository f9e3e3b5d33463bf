/** The simulation's front ends (HTTP and NATS) and the service they share. */
import { Module } from '@nestjs/common';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { SimulationNatsHandlers } from './simulation-nats.handlers.js';
import { SimulationController } from './simulation.controller.js';
import { SimulationService } from './simulation.service.js';

@Module({
  controllers: [SimulationController],
  providers: [SimulationService, SimulationNatsHandlers, IdentityGuard],
})
export class SimulationApiModule {}
