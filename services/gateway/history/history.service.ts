/**
 * History queries: the reader must be allowed to read the contract (the rules of replay), the field
 * must be a number in some version of it, and a unit asked for must convert from the field's; then
 * the projection and the log answer (readHistory for buckets, readValuesAt for the values at an
 * instant) and the values are converted to the unit asked for.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { finish } from '../../common/history/history-buckets.js';
import type { HistorySettings } from '../../common/history/history-settings.js';
import { readHistory } from '../../common/history/read-history.js';
import { readValuesAt } from '../../common/history/read-values-at.js';
import { asBody } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { fieldUnit } from '../../common/units/consumer-units.js';
import { checkedUnit, conversionOrRefusal } from '../../common/units/requested-units.js';
import { ReadAccess } from '../access/read-access.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { parseHistoryRequest, parseValuesAtRequest } from './history-query.js';
import { HISTORY_SETTINGS } from './history.tokens.js';
import { schemaLookupOf } from './schema-lookup.js';

@Injectable()
export class HistoryService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(HISTORY_SETTINGS) private readonly settings: HistorySettings,
    private readonly catalog: ContractCatalog,
    private readonly access: ReadAccess,
  ) {}

  async query(reader: Identity, raw: unknown) {
    const request = parseHistoryRequest(asBody(raw), this.settings.maxBuckets);
    await this.checkRequest(reader, request);
    const answer = await readHistory(this.db, schemaLookupOf(this.catalog), {
      contractId: request.contract,
      key: request.key,
      field: request.field,
      from: request.from,
      to: request.to,
      bucketMs: request.bucketMs,
      timeline: request.timeline,
      knownAt: request.knownAt,
    });
    const unit = request.unit ?? answer.unit;
    const convert = toUnitAsked(answer.unit, request);
    return {
      ok: true,
      contract: request.contract,
      key: request.key,
      field: request.field,
      timeline: request.timeline,
      ...(request.knownAt && { knownAt: request.knownAt.toISOString() }),
      from: request.from.toISOString(),
      to: request.to.toISOString(),
      bucket: request.bucket,
      unit,
      buckets: answer.buckets.map((b) => finish(b, request.aggregates, convert)),
    };
  }

  /** The field's value at an instant for every key of the contract (or the one asked), in one unit. */
  async valuesAt(reader: Identity, raw: unknown) {
    const request = parseValuesAtRequest(asBody(raw));
    const unitOfField = await this.checkRequest(reader, request);
    const answer = await readValuesAt(this.db, schemaLookupOf(this.catalog), {
      contractId: request.contract,
      key: request.key,
      field: request.field,
      at: request.at,
      timeline: request.timeline,
      knownAt: request.knownAt,
    });
    const convert = toUnitAsked(answer.unit, request);
    return {
      ok: true,
      contract: request.contract,
      ...(request.key !== undefined && { key: request.key }),
      field: request.field,
      timeline: request.timeline,
      ...(request.knownAt && { knownAt: request.knownAt.toISOString() }),
      at: request.at.toISOString(),
      // With no value by then, still the unit the values would be in.
      unit: request.unit ?? answer.unit ?? unitOfField,
      values: answer.values.map((v) => ({
        key: v.key,
        at: new Date(v.at).toISOString(),
        value: convert(v.value),
      })),
    };
  }

  /**
   * The reader may read the contract, the field is a number in it, and a unit asked for converts.
   * Resolves with the field's unit in the newest version that has it.
   */
  private async checkRequest(
    reader: Identity,
    request: { contract: string; field: string; unit?: string },
  ): Promise<string | null> {
    await this.access.check(reader, request.contract);
    const schemas = [...(this.catalog.contract(request.contract)?.versions ?? [])]
      .reverse()
      .map((v) => v.schema);
    const unitOfField = fieldUnit(schemas, request.contract, request.field);
    if (request.unit !== undefined)
      conversionOrRefusal(unitOfField, checkedUnit(request.unit), request.field);
    return unitOfField;
  }
}

/** From the answer's unit to the one the request asks for (none asked, or no unit: the values as they are). */
function toUnitAsked(
  from: string | null,
  request: { unit?: string; field: string },
): (value: number) => number {
  return request.unit === undefined || from === null
    ? (value) => value
    : conversionOrRefusal(from, request.unit, request.field);
}
