/**
 * GET /api/v1/openapi.json: the registry's HTTP API as OpenAPI 3.1; GET /api/v1/docs and GET /docs: the
 * same for people, with the directory of every API of the hub.
 */
import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { renderApiPage } from '../../common/http/render-api-page.js';
import { REGISTRY_OPENAPI } from './registry-openapi.js';

@Controller()
export class RegistryOpenApiController {
  @Get('api/v1/openapi.json')
  document() {
    return REGISTRY_OPENAPI;
  }

  @Get(['api/v1/docs', 'docs'])
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Req() request: Request): string {
    return renderApiPage('registry', REGISTRY_OPENAPI, '/api/v1/openapi.json', request);
  }
}
