/** The registry's HTTP API, /api/v1: thin, it parses and hands over to RegistryApiService. */
import { parseConsumerUnits } from '../../common/units/consumer-units.js';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import type { Identity } from '../../common/identity/identity.types.js';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import {
  asBody,
  integerList,
  integerParam,
  optionalString,
  requiredString,
} from '../../common/http/request-fields.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import { parseContractSources } from './parse-contract-sources.js';
import { parseReviewCandidate } from './parse-review-candidate.js';
import { RegistryApiService } from './registry-api.service.js';

@Controller('api/v1')
export class ContractsController {
  constructor(private readonly registry: RegistryApiService) {}

  @Get('contracts')
  list() {
    return this.registry.list();
  }

  @Get('contracts/:id')
  get(@Param('id') id: string) {
    return this.registry.get(id);
  }

  @Get('contracts/:id/versions/:version/schema')
  schema(@Param('id') id: string, @Param('version') version: string) {
    return this.registry.schema(id, version);
  }

  /** The versions waiting for review, oldest first. */
  @Get('proposals')
  proposals() {
    return this.registry.proposals();
  }

  /** The evidence of a recorded version: diff, compatibility, documentation, transforms, consumers. */
  @Get('contracts/:id/versions/:version/review')
  review(@Param('id') id: string, @Param('version') version: string) {
    return this.registry.review(id, version);
  }

  /** The same evidence for a schema not proposed yet; records nothing. */
  @Post('contracts/:id/review')
  @HttpCode(200)
  preview(@Param('id') id: string, @Body() body: unknown) {
    return this.registry.preview(id, parseReviewCandidate(asBody(body)));
  }

  /** Two recorded versions compared: GET /contracts/{id}/diff?from=1.0.0&to=1.1.0. */
  @Get('contracts/:id/diff')
  diff(@Param('id') id: string, @Query('from') from: unknown, @Query('to') to: unknown) {
    const query = { from, to };
    return this.registry.diff(id, requiredString(query, 'from'), requiredString(query, 'to'));
  }

  @Get('contracts/:id/majors/:major/can-retire')
  canRetire(@Param('id') id: string, @Param('major') major: string) {
    return this.registry.canRetire(id, integerParam(major, 'major'));
  }

  @Get('asyncapi.json')
  asyncApi() {
    return this.registry.asyncApi();
  }

  @Get('docs/contracts.html')
  @Header('content-type', 'text/html; charset=utf-8')
  reference() {
    return this.registry.reference();
  }

  @Post('contracts')
  @UseGuards(IdentityGuard)
  async push(@Caller() caller: Identity, @Body() body: unknown) {
    return { ok: true, steps: await this.registry.push(caller, parseContractSources(asBody(body))) };
  }

  @Post('contracts/:id/versions')
  @UseGuards(IdentityGuard)
  async propose(@Caller() caller: Identity, @Param('id') id: string, @Body() raw: unknown) {
    const body = asBody(raw);
    const transforms = body.transforms as { up?: string; down?: string } | undefined;
    return {
      ok: true,
      ...(await this.registry.propose(caller, {
        contract: id,
        version: requiredString(body, 'version'),
        schema: body.schema as JsonSchema,
        transforms,
        comment: optionalString(body, 'comment'),
      })),
    };
  }

  @Post('contracts/:id/versions/:version/approve')
  @UseGuards(IdentityGuard)
  async approve(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body() raw: unknown,
  ) {
    return {
      ok: true,
      ...(await this.registry.approve(caller, id, version, commentIn(raw))),
    };
  }

  @Post('contracts/:id/versions/:version/reject')
  @UseGuards(IdentityGuard)
  async reject(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body() raw: unknown,
  ) {
    return {
      ok: true,
      ...(await this.registry.reject(caller, id, version, commentIn(raw))),
    };
  }

  @Post('contracts/:id/versions/:version/deprecate')
  @UseGuards(IdentityGuard)
  async deprecate(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body() raw: unknown,
  ) {
    const body = asBody(raw);
    return {
      ok: true,
      ...(await this.registry.deprecate(
        caller,
        id,
        version,
        requiredString(body, 'sunset'),
        optionalString(body, 'comment'),
      )),
    };
  }

  @Post('contracts/:id/versions/:version/retire')
  @UseGuards(IdentityGuard)
  async retire(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('version') version: string,
    @Body() raw: unknown,
  ) {
    return {
      ok: true,
      ...(await this.registry.retire(caller, id, version, commentIn(raw))),
    };
  }

  @Put('contracts/:id/consumers/:consumer')
  @UseGuards(IdentityGuard)
  async registerConsumer(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('consumer') consumer: string,
    @Body() raw: unknown,
  ) {
    const body = asBody(raw);
    return {
      ok: true,
      ...(await this.registry.registerConsumer(
        caller,
        id,
        consumer,
        integerList(body, 'majors'),
        parseConsumerUnits(body.units),
      )),
    };
  }

  @Delete('contracts/:id/consumers/:consumer')
  @UseGuards(IdentityGuard)
  async unregisterConsumer(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('consumer') consumer: string,
  ) {
    return { ok: true, ...(await this.registry.unregisterConsumer(caller, id, consumer)) };
  }

  @Post('contracts/:id/owner')
  @UseGuards(IdentityGuard)
  async proposeOwner(@Caller() caller: Identity, @Param('id') id: string, @Body() raw: unknown) {
    const body = asBody(raw);
    return {
      ok: true,
      ...(await this.registry.proposeOwner(
        caller,
        id,
        requiredString(body, 'newOwner'),
        optionalString(body, 'comment'),
      )),
    };
  }

  @Post('contracts/:id/owner/approve')
  @UseGuards(IdentityGuard)
  async approveOwner(@Caller() caller: Identity, @Param('id') id: string, @Body() raw: unknown) {
    return {
      ok: true,
      ...(await this.registry.approveOwner(caller, id, commentIn(raw))),
    };
  }
}

/** The optional `comment` of a review or lifecycle request (the body itself may be absent). */
function commentIn(raw: unknown): string | undefined {
  return optionalString(asBody(raw ?? {}), 'comment');
}
