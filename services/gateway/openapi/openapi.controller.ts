/**
 * GET /docs: the gateway's HTTP API for people, and the directory of every API of the hub;
 * GET /docs/openapi.json: the gateway's API as OpenAPI 3.1.
 */
import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { renderApiPage } from '../../common/http/render-api-page.js';
import { OPENAPI_DOCUMENT } from './openapi-document.js';

@Controller('docs')
export class OpenApiController {
  @Get('openapi.json')
  document() {
    return OPENAPI_DOCUMENT;
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Req() request: Request): string {
    return renderApiPage('gateway', OPENAPI_DOCUMENT, '/docs/openapi.json', request);
  }
}
