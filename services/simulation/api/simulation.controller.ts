/**
 * The simulation's HTTP API, /api/v1/sim: thin, it hands the body over to SimulationService. Reading
 * (models, status, the scenario library) is open; running, starting, stopping and saving a scenario
 * take a subsystem's bearer token, as publishing does, since results are published to the hub as
 * contracted data and a saved scenario belongs to who saved it.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import { integerParam } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
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

  @Get('scenarios')
  scenarios() {
    return this.simulation.scenarios();
  }

  @Get('scenarios/:name')
  scenario(@Param('name') name: string, @Query('version') version?: string) {
    const number = version === undefined ? undefined : integerParam(version, 'version');
    return this.simulation.scenario(name, number);
  }

  @Post('scenarios')
  @UseGuards(IdentityGuard)
  @HttpCode(200)
  saveScenario(@Caller() caller: Identity, @Body() body: unknown) {
    return this.simulation.saveScenario(caller, body);
  }

  @Post('scenarios/:name/run')
  @UseGuards(IdentityGuard)
  @HttpCode(200)
  runScenario(@Param('name') name: string, @Body() body: unknown) {
    return this.simulation.runScenario(body ?? {}, name);
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
