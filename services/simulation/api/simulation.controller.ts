/** The simulation's HTTP API, /api/v1/sim: thin, it hands the body over to SimulationService. */
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { SimulationService } from './simulation.service.js';

@Controller('api/v1/sim')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Get('models')
  models() {
    return this.simulation.models();
  }

  @Post('run')
  @HttpCode(200)
  run(@Body() body: unknown) {
    return this.simulation.run(body);
  }

  @Post('start')
  @HttpCode(200)
  start(@Body() body: unknown) {
    return this.simulation.start(body);
  }

  @Post('stop/:id')
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
