/**
 * The auditor's checks from the console: the hash chain of the contracts a reader may read (all of
 * them for architects and the hub), and the anchors of the whole store (architects and the hub only,
 * since an anchor covers every stream). They run one at a time: each reads much of the store, and a
 * second at once would only slow both and the hub beside them.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { parseAnchorDocument } from '../../common/audit/anchor-document.js';
import type { AnchorCheck } from '../../common/audit/anchor.types.js';
import type { AuditReport } from '../../common/audit/audit.types.js';
import { checkAnchor, checkRecordedAnchors } from '../../common/audit/check-anchor.js';
import { verifyChain } from '../../common/audit/verify-chain.js';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { readsEverything } from '../../gateway/index.js';
import { ReadCheck } from '../access/read-check.js';

export interface ChainRequest {
  contracts: string[];
  from?: Date;
  to?: Date;
}

export interface ChainResult extends AuditReport {
  contracts: string[] | 'all';
  seconds: number;
}

export interface AnchorsResult {
  source: 'file' | 'database';
  checks: AnchorCheck[];
  seconds: number;
}

@Injectable()
export class AuditService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly access: ReadCheck,
  ) {}

  async verifyChain(reader: Identity, request: ChainRequest): Promise<ChainResult> {
    const all = request.contracts.length === 0;
    if (all && !readsEverything(reader))
      throw new DxError(
        'BAD_ARGUMENT',
        'name the contracts to check: only architects check the whole store',
        {
          field: 'contracts',
          rule: 'required',
        },
      );
    for (const contract of request.contracts) await this.access.contract(reader, contract);
    return this.oneAtATime(async () => {
      const started = performance.now();
      const report: AuditReport = { events: 0, streams: 0, problems: [] };
      for (const contractId of all ? [undefined] : request.contracts) {
        const part = await verifyChain(this.db, { contractId, from: request.from, to: request.to });
        report.events += part.events;
        report.streams += part.streams;
        report.problems.push(...part.problems);
      }
      return { ...report, contracts: all ? 'all' : request.contracts, seconds: seconds(started) };
    });
  }

  /** Every anchor recorded in dx.anchors, or the anchor document a person pasted (kept outside). */
  async checkAnchors(reader: Identity, document?: string): Promise<AnchorsResult> {
    if (!readsEverything(reader))
      throw new DxError(
        'FORBIDDEN',
        'an anchor covers every stream: only architects and the hub check anchors',
        {
          identity: reader.id,
          rule: 'architect',
        },
      );
    const anchor = document === undefined ? undefined : parseAnchorDocument(document);
    return this.oneAtATime(async () => {
      const started = performance.now();
      const checks = anchor
        ? [await checkAnchor(this.db, anchor, 'file')]
        : await checkRecordedAnchors(this.db);
      return { source: anchor ? 'file' : 'database', checks, seconds: seconds(started) };
    });
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function seconds(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}
