/**
 * The hub's main job, one pipeline for NATS and HTTP: identify the producer, check that it owns the
 * contract, resolve the version, validate each item with the version's compiled validator, append the
 * valid ones through the store's group commit, and answer only after the commit. Every refusal is
 * recorded with its raw payload. After the commit the events are cached and delivered.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { EventStore } from '../../common/event-store/event-store.js';
import type { AppendRequest, EventEnvelope } from '../../common/event-store/event-store.types.js';
import { EVENT_STORE, KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { ContractCatalog, type ResolvedVersion } from '../catalog/contract-catalog.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { IngestMetrics } from './ingest.metrics.js';
import { keyOf } from './key-of.js';
import type { ItemReply, PublishReply, PublishRequest } from './publish.types.js';
import { recordRejections, type Rejection } from '../rejections/rejections.repository.js';

interface Item {
  index: number;
  raw: unknown;
  key?: string;
  msgId: string;
}

@Injectable()
export class IngestService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: ContractCatalog,
    private readonly delivery: DeliveryService,
    private readonly cache: LatestValuesService,
    private readonly metrics: IngestMetrics,
  ) {}

  async publish(request: PublishRequest): Promise<PublishReply> {
    const started = performance.now();
    let resolved: ResolvedVersion;
    let body: unknown;
    let expectedPosition: number | undefined;
    try {
      body = parseBody(request.body);
      expectedPosition = parseExpectedPosition(request.expectedPosition, Array.isArray(body));
      requireHeader(request.producer, request.transport === 'http' ? 'authorization' : 'dx-producer');
      requireHeader(request.version, 'dx-version');
      requireHeader(request.msgId, 'dx-msg-id');
      resolved = await this.catalog.resolve(request.contract, request.version!);
      const owner = resolved.contract.descriptor.owner;
      if (request.producer !== owner) {
        throw new DxError(
          'FORBIDDEN',
          `${request.producer} may not publish ${request.contract}: its owner is ${owner}`,
          {
            contract: request.contract,
            owner,
            producer: request.producer,
          },
        );
      }
    } catch (error) {
      const refusal = asDxError(error);
      await this.refuse(request, [{ error: refusal, payload: request.body }]);
      return { ok: false, error: refusal.toJSON() };
    }

    const batch = Array.isArray(body);
    const items: Item[] = (batch ? (body as unknown[]) : [body]).map((raw, index) => ({
      index,
      raw,
      msgId: batch ? `${request.msgId}:${index}` : request.msgId!,
    }));
    const replies = new Array<ItemReply>(items.length);
    const refused: { item: Item; error: DxError }[] = [];
    const accepted: { item: Item; append: AppendRequest }[] = [];
    for (const item of items) {
      try {
        item.key = keyOf(request.key, resolved.contract.descriptor.key, item.raw);
        const issues = resolved.schema.validate(item.raw);
        if (issues.length > 0) {
          throw new DxError(
            'PAYLOAD_INVALID',
            `the payload does not match ${request.contract} ${request.version}: ${issues[0]!.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
            {
              issues,
            },
          );
        }
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
          },
        });
      } catch (error) {
        refused.push({ item, error: asDxError(error) });
      }
    }

    const settled = await this.store.appendMany(accepted.map((a) => a.append));
    const stored: EventEnvelope[] = [];
    settled.forEach((outcome, i) => {
      const { item, append } = accepted[i]!;
      if (!outcome.ok) {
        refused.push({ item, error: outcome.error });
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
          hash,
          data: append.payload as Record<string, unknown>,
        });
      }
    });
    for (const { item, error } of refused) replies[item.index] = { ok: false, error: error.toJSON() };
    await this.refuse(
      request,
      refused.map(({ item, error }) => ({
        error,
        payload: JSON.stringify(item.raw) ?? 'undefined',
        msgId: item.msgId,
        key: item.key,
      })),
    );

    this.cache.stored(stored);
    this.metrics.observe(request.contract, stored.length, performance.now() - started);
    // Delivery goes out after the answer: a slow transform must not hold up the producer's ack.
    void this.delivery.deliver(resolved.contract, stored).then(() => {
      if (stored.length > 0) this.metrics.delivered(performance.now() - started);
    });
    return batch ? { ok: true, results: replies } : replies[0]!;
  }

  private async refuse(
    request: PublishRequest,
    refusals: { error: DxError; payload: string; msgId?: string; key?: string }[],
  ): Promise<void> {
    if (refusals.length === 0) return;
    const rows: Rejection[] = refusals.map((r) => ({
      transport: request.transport,
      contract: request.contract,
      version: request.version,
      producer: request.producer,
      msgId: r.msgId ?? request.msgId,
      key: r.key ?? request.key,
      error: r.error,
      payload: r.payload,
    }));
    for (const r of rows) this.metrics.refused(r.error.code);
    await recordRejections(this.db, rows);
  }
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new DxError('PAYLOAD_INVALID', `the body is not JSON: ${(error as Error).message}`, {
      pointer: '',
      rule: 'json',
      expected: 'JSON',
    });
  }
}

function parseExpectedPosition(raw: string | undefined, batch: boolean): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new DxError(
      'BAD_ARGUMENT',
      `dx-expected-position must be an integer >= 0, got ${JSON.stringify(raw)}`,
      {
        header: 'dx-expected-position',
        rule: 'type',
        expected: 'integer >= 0',
      },
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

function requireHeader(value: string | undefined, header: string): void {
  if (!value)
    throw new DxError('BAD_ARGUMENT', `the ${header} header is required`, { header, rule: 'required' });
}

function asDxError(error: unknown): DxError {
  if (error instanceof DxError) return error;
  return new DxError('APPEND_FAILED', error instanceof Error ? error.message : String(error));
}
