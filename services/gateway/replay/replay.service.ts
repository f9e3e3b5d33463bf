/**
 * Catch-up reads for consumers: pages of envelopes after a global position, behind the store's
 * visibility fence, optionally converted to one major as delivery does. Always of one contract, which
 * the reader must be allowed to read (ReadAccess): there is no replay of every contract on the wire.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { readEnvelopeLines } from '../../common/event-store/read-envelope-lines.js';
import { readEvents } from '../../common/event-store/read-events.js';
import { asBody, optionalString, requiredString } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { DeliveryService } from '../delivery/delivery.service.js';

export const MAX_REPLAY_PAGE = 5000;

export interface ReplayQuery {
  contract: string;
  key?: string;
  after: number;
  limit: number;
  major?: number;
}

export function parseReplayQuery(raw: unknown): ReplayQuery {
  const body = asBody(raw);
  const integer = (field: string, fallback: number | undefined, max = Number.MAX_SAFE_INTEGER) => {
    const value = body[field];
    if (value === undefined || value === null) return fallback;
    if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) {
      throw new DxError('BAD_ARGUMENT', `${field} must be an integer from 0 to ${max}`, {
        field,
        rule: 'range',
        expected: `0..${max}`,
      });
    }
    return value as number;
  };
  return {
    contract: requiredString(body, 'contract'),
    key: optionalString(body, 'key'),
    after: integer('after', 0)!,
    limit: integer('limit', 1000, MAX_REPLAY_PAGE)!,
    major: integer('major', undefined),
  };
}

@Injectable()
export class ReplayService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly catalog: ContractCatalog,
    private readonly delivery: DeliveryService,
    private readonly access: ReadAccess,
  ) {}

  /** The reply as JSON text: {"ok":true,"events":[...],"last":N,"more":bool}. */
  async page(reader: Identity, query: ReplayQuery): Promise<string> {
    await this.access.check(reader, query.contract);
    const filter = { contractId: query.contract, key: query.key };
    const page = { after: query.after, limit: query.limit };
    if (query.major === undefined) {
      const { last, lines } = await readEnvelopeLines(this.db, filter, page);
      return `{"ok":true,"events":[${lines.join(',')}],"last":${last},"more":${lines.length === query.limit}}`;
    }
    const contract = this.catalog.contract(query.contract);
    if (!contract)
      throw new DxError('CONTRACT_NOT_FOUND', `there is no contract ${query.contract}`, {
        contract: query.contract,
      });
    const events = await readEvents(this.db, filter, page);
    const converted = [];
    for (const event of events) {
      const asMajor = await this.delivery.asMajor(contract, event, query.major);
      if (asMajor) converted.push(asMajor);
    }
    const last = events.at(-1)?.position ?? query.after;
    return JSON.stringify({ ok: true, events: converted, last, more: events.length === query.limit });
  }
}
