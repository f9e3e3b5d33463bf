/**
 * The simulation's HTTP API, /api/v1/sim: thin, it hands the body over to SimulationService. Reading
 * (models, status) is open; running, starting and stopping take a subsystem's bearer token, as
 * publishing does, since results are published to the hub as contracted data.
 */
import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { SimulationService } from './simulation.service.js';

@Controller('api/v1/sim')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Get('models')
  models() {
    return this.simulation.models();
  }

  @Post('run')
  @UseGuards(IdentityGuard)
  @HttpCode(200)
  run(@Body() body: unknown) {
    return this.simulation.run(body);
  }

  @Post('start')
  @UseGuards(IdentityGuard)
  @HttpCode(200)
  start(@Body() body: unknown) {
    return this.simulation.start(body);
  }

  @Post('stop/:id')
  @UseGuards(IdentityGuard)
  @HttpCode(200)
  stop(@Param('id') id: string) {
    return this.simulation.stop(id);
  }

  @Get('status')
  status() {
    return this.simulation.status();
  }

  @Get('status/:id')
  statusOf(@Param('id') id: string) {
    return this.simulation.status(id);
  }
}
