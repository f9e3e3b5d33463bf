/**
 * The plant's assets for readers: the tree, an asset with its design data and the latest values of its
 * signals (by name), and a signal's history. Reading assets takes read access to hub.assets; each
 * signal's value or history takes read access to its own contract, and a signal the reader may not
 * read is listed without its value (forbidden: true).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ASSETS_CONTRACT, type Asset } from '../../common/assets/asset.types.js';
import { assetTree, readAssets } from '../../common/assets/read-assets.js';
import { signalValues } from '../../common/assets/signal-values.js';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { parseTime } from '../replay/time-filter.js';
import { HistoryService } from '../history/history.service.js';
import { schemaLookupOf } from '../history/schema-lookup.js';

export interface AssetsAt {
  at?: unknown;
  knownAt?: unknown;
}

@Injectable()
export class AssetsService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly catalog: ContractCatalog,
    private readonly access: ReadAccess,
    private readonly history: HistoryService,
  ) {}

  async tree(reader: Identity, when: AssetsAt) {
    await this.access.check(reader, ASSETS_CONTRACT);
    const { at, knownAt } = instants(when);
    return { ok: true, at: at.toISOString(), tree: assetTree(await readAssets(this.db, at, knownAt)) };
  }

  async show(reader: Identity, id: string, when: AssetsAt) {
    const { at, asset, children } = await this.find(reader, id, when);
    return {
      ok: true,
      at: at.toISOString(),
      asset: { ...asset, children, signals: await this.values(reader, asset, at) },
    };
  }

  async signals(reader: Identity, id: string, when: AssetsAt) {
    const { at, asset } = await this.find(reader, id, when);
    return { ok: true, at: at.toISOString(), asset: id, signals: await this.values(reader, asset, at) };
  }

  /** A signal's history by its name on the asset: a history query on its contract, key and field. */
  async signalHistory(reader: Identity, id: string, name: string, query: Record<string, unknown>) {
    const { asset } = await this.find(reader, id, {});
    const signal = asset.signals.find((s) => s.name === name);
    if (!signal) {
      throw new DxError(
        'NOT_FOUND',
        `asset ${id} has no signal ${JSON.stringify(name)} (it has: ${asset.signals.map((s) => s.name).join(', ') || 'none'})`,
        {
          asset: id,
          signal: name,
          signals: asset.signals.map((s) => s.name),
        },
      );
    }
    const answer = await this.history.query(reader, {
      ...query,
      contract: signal.contract,
      key: signal.key,
      field: signal.field,
      unit: query.unit ?? signal.unit,
    });
    return { ...answer, asset: id, signal: name };
  }

  private async find(reader: Identity, id: string, when: AssetsAt) {
    await this.access.check(reader, ASSETS_CONTRACT);
    const { at, knownAt } = instants(when);
    const assets = await readAssets(this.db, at, knownAt);
    const asset = assets.find((a) => a.id === id);
    if (!asset)
      throw new DxError('NOT_FOUND', `there is no asset ${id} at ${at.toISOString()}`, { asset: id });
    return { at, asset, children: assets.filter((a) => a.parent === id).map((a) => a.id) };
  }

  private async values(reader: Identity, asset: Asset, at: Date) {
    const readable = await Promise.all(
      asset.signals.map((s) =>
        this.access.check(reader, s.contract).then(
          () => true,
          () => false,
        ),
      ),
    );
    const values = await signalValues(
      this.db,
      schemaLookupOf(this.catalog),
      asset.signals.filter((_, i) => readable[i]),
      at,
    );
    let next = 0;
    return asset.signals.map((s, i) =>
      readable[i]
        ? values[next++]!
        : { name: s.name, contract: s.contract, key: s.key, field: s.field, forbidden: true },
    );
  }
}

function instants(when: AssetsAt): { at: Date; knownAt?: Date } {
  return { at: parseTime(when.at, 'at') ?? new Date(), knownAt: parseTime(when.knownAt, 'knownAt') };
}
