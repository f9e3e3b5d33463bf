/**
 * The gateway over HTTP, /api/v1/data: publish and read latest values, both as the bearer token's
 * identity (the producer of a publish, the reader of a value). A publish without a valid token is
 * answered 401 and, like every refused publish, recorded with its body.
 */
import { parseTimeline } from '../../common/event-store/timeline.js';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { DxError, type DxErrorCode } from '../../common/errors/dx-error.js';
import { httpStatusOf } from '../../common/errors/http-status.js';
import { bearerToken } from '../../common/http/bearer-token.js';
import { Caller, IDENTITY_DIRECTORY, IdentityGuard } from '../../common/http/identity.guard.js';
import type { IdentityDirectory } from '../../common/identity/identity-directory.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { HEADERS } from '../../common/nats/subjects.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { ingestSpan } from './ingest-span.js';
import { IngestService } from './ingest.service.js';
import type { WithPublishBody } from './read-publish-body.js';

@Controller('api/v1/data')
export class DataController {
  constructor(
    private readonly ingest: IngestService,
    private readonly cache: LatestValuesService,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  @Post(':contract')
  @HttpCode(200)
  async publish(
    @Param('contract') contract: string,
    @Headers() headers: Record<string, string | undefined>,
    @Req() request: WithPublishBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    let producer: string | undefined;
    let refusal = request.publishBody?.refusal;
    try {
      producer = this.directory.authenticate(bearerToken(headers.authorization)).id;
    } catch (error) {
      if (!(error instanceof DxError)) throw error;
      refusal = error;
    }
    const body = request.publishBody ?? { bytes: Buffer.alloc(0), unread: false };
    const reply = await ingestSpan(contract, undefined, () =>
      this.ingest.publish({
        transport: 'http',
        requestId: String(response.getHeader('x-request-id') ?? ''),
        contract,
        producer,
        version: headers[HEADERS.version],
        msgId: headers[HEADERS.msgId],
        key: headers[HEADERS.key],
        msgIds: headers[HEADERS.msgIds],
        keys: headers[HEADERS.keys],
        expectedPosition: headers[HEADERS.expectedPosition],
        corrects: headers[HEADERS.corrects],
        body: body.bytes,
        bodyBytes: body.totalBytes,
        refusal,
      }),
    );
    if (!reply.ok) response.status(httpStatusOf(reply.error.code as DxErrorCode));
    // The rest of a body over the limit was never read: the connection cannot carry another request.
    if (body.unread) response.setHeader('connection', 'close');
    return reply;
  }

  @Get(':contract/:key')
  @UseGuards(IdentityGuard)
  async latest(
    @Caller() caller: Identity,
    @Param('contract') contract: string,
    @Param('key') key: string,
    @Query('timeline') timeline?: string,
  ) {
    return { ok: true, event: await this.cache.get(caller, contract, key, parseTimeline(timeline)) };
  }
}
