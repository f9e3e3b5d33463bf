/**
 * The gateway over HTTP, /api/v1/data: publish and read latest values, both as the bearer token's
 * identity (the producer of a publish, the reader of a value).
 */
import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { httpStatusOf } from '../../common/errors/http-status.js';
import type { DxErrorCode } from '../../common/errors/dx-error.js';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { HEADERS } from '../../common/nats/subjects.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { IngestService } from './ingest.service.js';

@Controller('api/v1/data')
export class DataController {
  constructor(
    private readonly ingest: IngestService,
    private readonly cache: LatestValuesService,
  ) {}

  @Post(':contract')
  @HttpCode(200)
  @UseGuards(IdentityGuard)
  async publish(
    @Caller() caller: Identity,
    @Param('contract') contract: string,
    @Headers() headers: Record<string, string | undefined>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const reply = await this.ingest.publish({
      transport: 'http',
      contract,
      producer: caller.id,
      version: headers[HEADERS.version],
      msgId: headers[HEADERS.msgId],
      key: headers[HEADERS.key],
      expectedPosition: headers[HEADERS.expectedPosition],
      body: typeof request.body === 'string' ? request.body : '',
    });
    if (!reply.ok) response.status(httpStatusOf(reply.error.code as DxErrorCode));
    return reply;
  }

  @Get(':contract/:key')
  @UseGuards(IdentityGuard)
  async latest(@Caller() caller: Identity, @Param('contract') contract: string, @Param('key') key: string) {
    return { ok: true, event: await this.cache.get(caller, contract, key) };
  }
}
