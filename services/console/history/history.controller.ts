/**
 * History for the console's charts and tables, with the read permissions of replay: a stream's fields
 * over time (GET series), events of several contracts (GET events), one event (GET events/{position})
 * and a contract's state as of an instant (GET as-of). Times are recorded times.
 */
import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { readAsOf } from '../../common/event-store/read-as-of.js';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import { integerParam } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { ReadCheck } from '../access/read-check.js';
import type { ConsoleConfig } from '../console-config.js';
import { CONSOLE_CONFIG } from '../console.tokens.js';
import { flag, instant, limit, list, one, required, type Query as Params } from './history-params.js';
import {
  readEventAt,
  readEventsOf,
  readSeries,
  readStreamsOf,
  type SeriesRows,
  type StreamSummary,
} from './series.repository.js';

/** Most fields one series request may ask for. */
const MAX_FIELDS = 16;
/** Most contracts one events request may name. */
const MAX_CONTRACTS = 32;

@Controller('console/api/history')
@UseGuards(IdentityGuard)
export class HistoryController {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly access: ReadCheck,
  ) {}

  @Get('series')
  async series(
    @Caller() caller: Identity,
    @Query() query: Params,
  ): Promise<SeriesRows & { contract: string; key: string; fields: string[]; truncated: boolean }> {
    const contract = required(query, 'contract');
    const key = required(query, 'key');
    const fields = list(query, 'fields');
    if (fields.length > MAX_FIELDS || fields.some((f) => !f.startsWith('/')))
      throw new DxError(
        'BAD_ARGUMENT',
        `fields must be up to ${MAX_FIELDS} JSON pointers such as /temperature`,
        {
          field: 'fields',
          rule: 'format',
          expected: 'JSON pointers',
        },
      );
    await this.access.contract(caller, contract);
    const max = limit(query, 'limit', this.config.historyLimit, this.config.historyLimit);
    const rows = await readSeries(this.db, {
      contract,
      key,
      fields,
      from: instant(query, 'from'),
      to: instant(query, 'to'),
      limit: max,
      newest: flag(query, 'newest'),
    });
    return { contract, key, fields, ...rows, truncated: rows.time.length === max };
  }

  @Get('events')
  async events(
    @Caller() caller: Identity,
    @Query() query: Params,
  ): Promise<{ events: EventEnvelope[]; truncated: boolean }> {
    const contracts = list(query, 'contract');
    if (contracts.length === 0 || contracts.length > MAX_CONTRACTS)
      throw new DxError('BAD_ARGUMENT', `name 1 to ${MAX_CONTRACTS} contracts (contract=...)`, {
        field: 'contract',
        rule: 'required',
      });
    for (const contract of contracts) await this.access.contract(caller, contract);
    const max = limit(query, 'limit', this.config.eventsLimit, this.config.eventsLimit);
    const events = await readEventsOf(this.db, {
      contracts,
      key: one(query, 'key') || undefined,
      from: instant(query, 'from'),
      to: instant(query, 'to'),
      limit: max,
      newest: flag(query, 'newest'),
    });
    return { events, truncated: events.length === max };
  }

  @Get('events/:position')
  async event(
    @Caller() caller: Identity,
    @Param('position') position: string,
  ): Promise<{ event: EventEnvelope }> {
    const event = await readEventAt(this.db, integerParam(position, 'position'));
    if (!event)
      throw new DxError('NOT_FOUND', `there is no event at global position ${position}`, { position });
    await this.access.contract(caller, event.contract);
    return { event };
  }

  /** The streams (contract, key) of the contracts the reader may read, or of those named. */
  @Get('streams')
  async streams(
    @Caller() caller: Identity,
    @Query() query: Params,
  ): Promise<{ streams: StreamSummary[]; truncated: boolean }> {
    const named = list(query, 'contract');
    for (const contract of named) await this.access.contract(caller, contract);
    const contracts = named.length > 0 ? named : this.access.readable(caller);
    const max = this.config.eventsLimit;
    const streams = await readStreamsOf(this.db, contracts, max);
    return { streams, truncated: streams.length === max };
  }

  @Get('as-of')
  async asOf(
    @Caller() caller: Identity,
    @Query() query: Params,
  ): Promise<{ at: string; events: EventEnvelope[] }> {
    const contracts = list(query, 'contract');
    if (contracts.length === 0 || contracts.length > MAX_CONTRACTS)
      throw new DxError('BAD_ARGUMENT', `name 1 to ${MAX_CONTRACTS} contracts (contract=...)`, {
        field: 'contract',
        rule: 'required',
      });
    const at = instant(query, 'at') ?? new Date();
    const key = one(query, 'key') || undefined;
    const events: EventEnvelope[] = [];
    for (const contract of contracts) {
      await this.access.contract(caller, contract);
      events.push(...(await readAsOf(this.db, contract, at, key)));
    }
    return { at: at.toISOString(), events };
  }
}
