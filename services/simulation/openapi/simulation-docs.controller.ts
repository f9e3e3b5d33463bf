/**
 * GET /docs: the simulation's HTTP API for people, and the directory of every API of the hub;
 * GET /docs/openapi.json: the simulation's API as OpenAPI 3.1.
 */
import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { renderApiPage } from '../../common/http/render-api-page.js';
import { SIMULATION_OPENAPI } from './simulation-openapi.js';

@Controller('docs')
export class SimulationDocsController {
  @Get('openapi.json')
  document() {
    return SIMULATION_OPENAPI;
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Req() request: Request): string {
    return renderApiPage('simulation', SIMULATION_OPENAPI, '/docs/openapi.json', request);
  }
}
