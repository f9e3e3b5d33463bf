/** POST /console/api/audit/chain and /console/api/audit/anchors: the auditor's checks, thin. */
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { DxError } from '../../common/errors/dx-error.js';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import { asBody, optionalString } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { instant } from '../history/history-params.js';
import { AuditService, type AnchorsResult, type ChainResult } from './audit.service.js';

@Controller('console/api/audit')
@UseGuards(IdentityGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** `{contracts?: string[], from?: ISO, to?: ISO}`: the hash chains in scope, each problem at its event. */
  @Post('chain')
  @HttpCode(200)
  chain(@Caller() caller: Identity, @Body() raw: unknown): Promise<ChainResult> {
    const body = asBody(raw ?? {});
    const contracts = body.contracts ?? [];
    if (!Array.isArray(contracts) || !contracts.every((c) => typeof c === 'string'))
      throw new DxError('BAD_ARGUMENT', 'contracts must be a list of contract ids', {
        pointer: '/contracts',
        rule: 'type',
        expected: 'string[]',
      });
    const times = { from: optionalString(body, 'from'), to: optionalString(body, 'to') };
    return this.audit.verifyChain(caller, {
      contracts: contracts as string[],
      from: instant(times, 'from'),
      to: instant(times, 'to'),
    });
  }

  /** `{anchor?: "<document>"}`: the pasted anchor file, or without it every anchor in dx.anchors. */
  @Post('anchors')
  @HttpCode(200)
  anchors(@Caller() caller: Identity, @Body() raw: unknown): Promise<AnchorsResult> {
    return this.audit.checkAnchors(caller, optionalString(asBody(raw ?? {}), 'anchor'));
  }
}
