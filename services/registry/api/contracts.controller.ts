/** The registry's HTTP API, /api/v1: thin, it parses and hands over to RegistryApiService. */
import { Body, Controller, Delete, Get, Header, Param, Post, Put, UseGuards } from '@nestjs/common';
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
    return {
      ok: true,
      ...(await this.registry.registerConsumer(caller, id, consumer, integerList(asBody(raw), 'majors'))),
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
