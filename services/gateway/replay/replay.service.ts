/**
 * Catch-up reads for consumers: pages of envelopes after a global position, behind the store's
 * visibility fence, optionally converted to one major as delivery does. Always of one contract, which
 * the reader must be allowed to read (ReadAccess): there is no replay of every contract on the wire.
 *
 * Each page also says where the store stood: `fence` (every event at or below it has committed, so a
 * reader that has paged until `more` is false has every event of its contract up to there) and `head`
 * (the highest position committed). The fence is read before the page, so the page holds everything
 * below it; a reader that has seen a live event above the fence knows the store is not done yet.
 * Asked with `count`, the answer is only how many events there are after `after` up to the fence: a
 * subscriber that has delivered as many there has them all, and reads nothing.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { countEvents } from '../../common/event-store/count-events.js';
import { readEnvelopeLines } from '../../common/event-store/read-envelope-lines.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { readEvents, type EventFilter } from '../../common/event-store/read-events.js';
import type { ContractState } from '../../common/registry-state/index.js';
import {
  checkConsumerUnits,
  inConsumerUnits,
  parseConsumerUnits,
  type ConsumerUnits,
} from '../../common/units/consumer-units.js';
import { asBody, optionalString, requiredString } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { maxReplyBytes } from '../../common/nats/respond-safely.js';
import { ReadAccess } from '../access/read-access.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { StoreFenceService } from '../head/store-fence.service.js';
import { fitPage } from './fit-page.js';
import { REPLAY_PAGE_BYTES } from './replay.tokens.js';
import { parseTimeFilter, type TimeFilter } from './time-filter.js';

export const MAX_REPLAY_PAGE = 5000;
/** Bytes of a page around its events: ok, timeline, last, more, fence and head. */
const PAGE_FRAME_BYTES = 256;

/** The global position an envelope line starts with (read-envelope-lines.ts writes it first). */
function positionOfLine(line: string): number {
  return Number(/^\{"position":(\d+)/.exec(line)![1]);
}

export interface ReplayQuery {
  contract: string;
  key?: string;
  after: number;
  limit: number;
  major?: number;
  /** A time range and "as known at" on a timeline (time-filter.ts); default: the recorded timeline. */
  time: TimeFilter;
  /** Units the reader wants fields in ({"/temperature": "K"}); the gateway converts. */
  units?: ConsumerUnits;
  /** Only how many events there are after `after` up to the fence, not the events. */
  count: boolean;
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
    time: parseTimeFilter(body),
    units: parseConsumerUnits(body.units),
    count: body.count === true,
  };
}

@Injectable()
export class ReplayService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly catalog: ContractCatalog,
    private readonly delivery: DeliveryService,
    private readonly access: ReadAccess,
    private readonly fences: StoreFenceService,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(REPLAY_PAGE_BYTES) private readonly pageBytes: number,
  ) {}

  /**
   * The reply as JSON text: {"ok":true,"timeline":T,"events":[...],"last":N,"more":bool,"fence":F,"head":H}
   * (with "units" when the reader asked for its own).
   */
  async page(reader: Identity, query: ReplayQuery): Promise<string> {
    await this.access.check(reader, query.contract);
    const filter: EventFilter = { contractId: query.contract, key: query.key, ...query.time };
    const store = await this.fences.fresh();
    if (query.count) {
      // Everything up to the fence has committed: a plain count of the range, no fence to check per row.
      const count =
        store.fence > query.after ? await countEvents(this.db, filter, query.after, store.fence) : 0;
      return `{"ok":true,"count":${count},"fence":${store.fence},"head":${store.head}}`;
    }
    const page = { after: query.after, limit: query.limit, provenUpTo: store.fence };
    const timeline = query.time.timeline ?? 'recorded';
    // An event read has committed, and so has everything below it: the last one is a fence of its own.
    const where = (lastRead: number) => {
      const fence = Math.max(store.fence, lastRead);
      return `"fence":${fence},"head":${Math.max(store.head, fence)}`;
    };
    // What the page's events may take: the setting, and room in the bus's max_payload for the rest.
    const budget =
      Math.min(this.pageBytes, maxReplyBytes(this.nats)) -
      PAGE_FRAME_BYTES -
      (query.units ? JSON.stringify(query.units).length : 0);
    if (query.units === undefined && query.major === undefined) {
      const read = await readEnvelopeLines(this.db, filter, page);
      const fit = fitPage(read.lines, budget);
      const lines = fit < read.lines.length ? read.lines.slice(0, fit) : read.lines;
      const last = fit < read.lines.length ? positionOfLine(lines.at(-1)!) : read.last;
      const more = read.lines.length === query.limit || fit < read.lines.length;
      return `{"ok":true,"timeline":"${timeline}","events":[${lines.join(',')}],"last":${last},"more":${more},${where(lines.length > 0 ? last : 0)}}`;
    }
    const contract = this.catalog.contract(query.contract);
    if (!contract)
      throw new DxError('CONTRACT_NOT_FOUND', `there is no contract ${query.contract}`, {
        contract: query.contract,
      });
    const shape = query.units === undefined ? undefined : this.inUnits(contract, query, query.units);
    const events = await readEvents(this.db, filter, page);
    const out: string[] = [];
    let last = query.after;
    let cut = false;
    let used = 0;
    for (const event of events) {
      const converted =
        query.major === undefined ? event : await this.delivery.asMajor(contract, event, query.major);
      if (converted) {
        const text = JSON.stringify(shape ? shape(converted) : converted);
        used += Buffer.byteLength(text) + (out.length > 0 ? 1 : 0);
        // The first event always goes (see fitPage): a reader moves on even past a large one.
        if (used > budget && out.length > 0) {
          cut = true;
          break;
        }
        out.push(text);
      }
      last = event.position;
    }
    const more = events.length === query.limit || cut;
    const units = query.units ? `"units":${JSON.stringify(query.units)},` : '';
    return `{"ok":true,"timeline":"${timeline}",${units}"events":[${out.join(',')}],"last":${last},"more":${more},${where(last > query.after ? last : 0)}}`;
  }

  /**
   * Converts an event's fields to the reader's units, from its own version's units (after conversion to
   * a major). Units that no version of the major can be converted to are refused before any read.
   */
  private inUnits(
    contract: ContractState,
    query: ReplayQuery,
    units: ConsumerUnits,
  ): (event: EventEnvelope) => EventEnvelope {
    const versions = [...contract.versions].reverse();
    const inMajor = versions.filter((v) => query.major === undefined || v.major === query.major);
    checkConsumerUnits(
      units,
      inMajor.map((v) => v.schema),
      query.contract,
    );
    return (event) => {
      const schema = versions.find((v) => v.version === event.version)?.schema;
      return schema === undefined ? event : { ...event, data: inConsumerUnits(event.data, schema, units) };
    };
  }
}
