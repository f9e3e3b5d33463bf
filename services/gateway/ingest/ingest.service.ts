/**
 * The hub's main job, one pipeline for NATS and HTTP: identify the producer, check that it owns the
 * contract, resolve the version, validate each item with the version's compiled validator, append the
 * valid ones through the store's group commit, and answer only after the commit. Every limit is
 * checked before the work it protects (the body's size, encoding and depth before the parse, the
 * number of items before any validation, each item's size before its schema), and every refusal is
 * recorded (RejectionRecorder). After the commit the events are cached and delivered.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IngestLimits } from '../../common/config/ingest-limits.js';
import { databaseFailure, isDatabaseUnavailable } from '../../common/db/database-failure.js';
import { DxError } from '../../common/errors/dx-error.js';
import { checkPayload } from '../../common/event-store/check-payload.js';
import type { EventStore } from '../../common/event-store/event-store.js';
import type { AppendRequest, EventEnvelope } from '../../common/event-store/event-store.types.js';
import { EVENT_STORE } from '../../common/nest/database/database.tokens.js';
import { hasControlCharacter } from '../../common/text/has-control-character.js';
import { inSpan } from '../../common/tracing/in-span.js';
import { startSpan } from '../../common/tracing/start-span.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { ContractCatalog, type ResolvedVersion } from '../catalog/contract-catalog.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { GATEWAY_LOGGER, INGEST_LIMITS } from '../gateway.tokens.js';
import { RejectionRecorder } from '../rejections/rejection-recorder.js';
import { decodeBody } from './decode-body.js';
import { IngestMetrics } from './ingest.metrics.js';
import { checkCorrection, parseCorrects } from './check-correction.js';
import { eventTimeOf } from './event-time-of.js';
import { parseItemHeaders, type ItemHeaders } from './item-headers.js';
import { keyOf } from './key-of.js';
import type { ItemReply, PublishReply, PublishRequest } from './publish.types.js';
import { refusalOfPayload } from './refusal-of-payload.js';

interface Item {
  index: number;
  raw: unknown;
  key?: string;
  msgId: string;
}

@Injectable()
export class IngestService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    private readonly catalog: ContractCatalog,
    private readonly delivery: DeliveryService,
    private readonly cache: LatestValuesService,
    private readonly metrics: IngestMetrics,
    private readonly rejections: RejectionRecorder,
  ) {}

  async publish(request: PublishRequest): Promise<PublishReply> {
    const started = performance.now();
    let resolved: ResolvedVersion;
    let body: unknown;
    let expectedPosition: number | undefined;
    let supersedes: number | undefined;
    let perItem: ItemHeaders | undefined;
    try {
      if (request.refusal) throw request.refusal;
      requireHeader(request.producer, request.transport === 'http' ? 'authorization' : 'dx-producer');
      requireHeader(request.version, 'dx-version');
      requireHeader(request.msgId, 'dx-msg-id');
      body = decodeBody(request.body, this.limits);
      if (Array.isArray(body) && body.length > this.limits.maxBatchItems)
        throw batchTooLarge(body.length, this.limits.maxBatchItems);
      expectedPosition = parseExpectedPosition(request.expectedPosition, Array.isArray(body));
      supersedes = parseCorrects(request.corrects, Array.isArray(body));
      perItem = parseItemHeaders(request, body);
      resolved = await this.catalog.resolve(request.contract, request.version!);
      const owner = resolved.contract.descriptor.owner;
      if (request.producer !== owner) {
        throw new DxError(
          'FORBIDDEN',
          `${request.producer} may not publish ${request.contract}: its owner is ${owner}`,
          { contract: request.contract, owner, producer: request.producer },
        );
      }
    } catch (error) {
      // A database that does not answer (the catalog reads the registry from it) is no refusal.
      if (!(error instanceof DxError) && isDatabaseUnavailable(error))
        return { ok: false, error: databaseFailure(error, 'this publish').toJSON() };
      if (!(error instanceof DxError)) throw error;
      await this.refuse(request, [
        { error, payload: request.body, payloadBytes: request.bodyBytes, msgId: request.msgId },
      ]);
      return { ok: false, error: error.toJSON() };
    }

    const batch = Array.isArray(body);
    const items: Item[] = (batch ? (body as unknown[]) : [body]).map((raw, index) => ({
      index,
      raw,
      msgId: batch ? (perItem?.msgIds?.[index] ?? `${request.msgId}:${index}`) : request.msgId!,
    }));
    const replies = new Array<ItemReply>(items.length);
    const refused: { item: Item; error: DxError }[] = [];
    const accepted: { item: Item; append: AppendRequest }[] = [];
    const validating = startSpan('validate', { 'dx.items': items.length });
    for (const item of items) {
      try {
        // Cheapest first: what it is and how big, then its key, then the schema.
        const payloadJson = checkPayload(item.raw, this.store.maxPayloadBytes);
        item.key = keyOf(
          perItem?.keys?.[item.index] ?? request.key,
          resolved.contract.descriptor.key,
          item.raw,
        );
        const issues = resolved.schema.validate(item.raw);
        if (issues.length > 0) throw refusalOfPayload(request, issues, this.limits.maxIssuesListed);
        if (supersedes !== undefined)
          await checkCorrection(this.store.db, supersedes, request.contract, item.key);
        accepted.push({
          item,
          append: {
            contractId: request.contract,
            contractVersion: request.version!,
            key: item.key,
            producer: request.producer!,
            msgId: item.msgId,
            payload: item.raw,
            expectedPosition,
            eventTime: eventTimeOf(resolved.version.schema, item.raw),
            supersedes,
            payloadJson,
          },
        });
      } catch (error) {
        if (!(error instanceof DxError)) {
          validating?.end();
          throw error;
        }
        refused.push({ item, error });
      }
    }

    validating?.end();
    const settled = await inSpan('group commit', { attributes: { 'dx.items': accepted.length } }, () =>
      this.store.appendMany(accepted.map((a) => a.append)),
    );
    const stored: EventEnvelope[] = [];
    const failed: DxError[] = [];
    settled.forEach((outcome, i) => {
      const { item, append } = accepted[i]!;
      if (!outcome.ok) {
        // Not there is not refused: the producer sends it again, and nothing is recorded.
        if (outcome.error.code === 'DATABASE_UNREACHABLE') {
          replies[item.index] = { ok: false, error: outcome.error.toJSON() };
          failed.push(outcome.error);
        } else refused.push({ item, error: outcome.error });
        return;
      }
      const { position, streamPosition, duplicate, recordedAt, hash } = outcome.result;
      replies[item.index] = { ok: true, position, streamPosition, duplicate };
      if (!duplicate) {
        stored.push({
          position,
          streamPosition,
          contract: append.contractId,
          version: append.contractVersion,
          key: append.key,
          producer: append.producer,
          msgId: append.msgId,
          recordedAt,
          ...(append.eventTime !== undefined && { eventTime: append.eventTime }),
          ...(supersedes !== undefined && { supersedes }),
          hash,
          data: append.payload as Record<string, unknown>,
        });
      }
    });
    if (failed.length > 0) {
      this.logger.warn(
        {
          requestId: request.requestId,
          contract: request.contract,
          items: failed.length,
          err: failed[0]!.message,
        },
        'the store did not answer; the producer was told to send again',
      );
    }
    for (const { item, error } of refused) replies[item.index] = { ok: false, error: error.toJSON() };
    await this.refuse(
      request,
      refused.map(({ item, error }) => ({
        error,
        payload: JSON.stringify(item.raw),
        msgId: item.msgId,
        key: item.key,
      })),
    );

    this.cache.stored(stored);
    this.metrics.observe(request.contract, stored.length, performance.now() - started);
    // Delivery goes out after the answer: a slow transform must not hold up the producer's ack.
    // deliver() never rejects (what NATS would not take is logged and counted there); the handler stays
    // so that a failure that ever escapes it is logged with its request.
    void this.delivery.deliver(resolved.contract, stored).then(
      (sent) => {
        if (sent > 0) this.metrics.delivered(performance.now() - started);
      },
      (error: unknown) =>
        this.logger.error({ requestId: request.requestId, err: String(error) }, 'delivery failed'),
    );
    return batch ? { ok: true, results: replies } : replies[0]!;
  }

  private async refuse(
    request: PublishRequest,
    refusals: {
      error: DxError;
      payload: Buffer | string;
      payloadBytes?: number;
      msgId?: string;
      key?: string;
    }[],
  ): Promise<void> {
    if (refusals.length === 0) return;
    for (const r of refusals) this.metrics.refused(r.error.code, request.contract);
    await this.rejections.record(
      refusals.map((r) => ({
        transport: request.transport,
        contract: request.contract,
        version: request.version,
        producer: request.producer,
        msgId: r.msgId ?? request.msgId,
        key: r.key ?? request.key,
        error: r.error,
        payload: r.payload,
        payloadBytes: r.payloadBytes,
        requestId: request.requestId,
      })),
    );
  }
}

function batchTooLarge(items: number, limit: number): DxError {
  return new DxError(
    'BATCH_TOO_LARGE',
    `the batch has ${items} items, the limit is ${limit} (DX_MAX_BATCH_ITEMS): send it in smaller batches`,
    { pointer: '', rule: 'maxItems', expected: limit, actual: items },
  );
}

function parseExpectedPosition(raw: string | undefined, batch: boolean): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new DxError(
      'BAD_ARGUMENT',
      `dx-expected-position must be an integer >= 0, got ${JSON.stringify(raw)}`,
      { header: 'dx-expected-position', rule: 'type', expected: 'integer >= 0' },
    );
  }
  if (batch) {
    throw new DxError('BAD_ARGUMENT', 'dx-expected-position applies to single messages, not to a batch', {
      header: 'dx-expected-position',
      rule: 'single',
    });
  }
  return Number(raw);
}

/** Headers are names: 1 to 200 characters without control characters (NUL cannot even be stored). */
const MAX_HEADER_LENGTH = 200;

function requireHeader(value: string | undefined, header: string): void {
  if (!value)
    throw new DxError('BAD_ARGUMENT', `the ${header} header is required`, { header, rule: 'required' });
  if (value.length > MAX_HEADER_LENGTH || hasControlCharacter(value)) {
    throw new DxError(
      'BAD_ARGUMENT',
      `the ${header} header must be 1 to 200 characters without control characters (NUL included)`,
      { header, rule: 'pattern', expected: '1 to 200 characters, no control characters' },
    );
  }
}
