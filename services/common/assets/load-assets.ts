/**
 * Loading a hierarchy file into the hub, as `dx assets load` and the demo launcher do: the file is read,
 * every signal is checked against the registry (its contract exists, the field is numeric, a unit that
 * converts), then each asset is published as contract hub.assets by the hub. An asset's message id is
 * the digest of its content, so loading the same file again stores nothing new.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { describeError } from '../errors/describe-error.js';
import { DxError, type DxErrorCode } from '../errors/dx-error.js';
import { canonicalJson } from '../event-store/canonical-json.js';
import { HUB_IDENTITY } from '../identity/identity.types.js';
import { HEADERS, SUBJECTS } from '../nats/subjects.js';
import type { RegistryReader } from '../registry-state/index.js';
import { fieldUnit } from '../units/consumer-units.js';
import { checkedUnit, conversionOrRefusal } from '../units/requested-units.js';
import { ASSETS_CONTRACT, ASSETS_VERSION, type Asset } from './asset.types.js';

/** The demo plant's hierarchy (plant.md), relative to the repository. */
export const DEMO_ASSETS_FILE = 'assets/demo-plant.json';

/** How long the hub has to answer one asset's publish. */
const PUBLISH_TIMEOUT_MS = 10_000;

/** The assets of a file `{"assets": [...]}`; BAD_ARGUMENT when it cannot be read or has no list. */
export async function readAssetsFile(file: string): Promise<Asset[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new DxError('BAD_ARGUMENT', `cannot read ${file}: ${describeError(error)}`, { file });
  }
  const assets = (parsed as { assets?: unknown } | null)?.assets;
  if (!Array.isArray(assets)) throw new DxError('BAD_ARGUMENT', `${file} has no "assets" list`, { file });
  return assets as Asset[];
}

/** Every signal names a contract the registry knows, a numeric field of it, and a unit that converts. */
export function checkAssetSignals(asset: Asset, registry: RegistryReader): void {
  for (const signal of asset.signals ?? []) {
    const where = `asset ${asset.id}, signal ${JSON.stringify(signal.name)}`;
    const contract = registry.state.contracts.get(signal.contract);
    if (!contract)
      throw new DxError('CONTRACT_NOT_FOUND', `${where}: there is no contract ${signal.contract}`, {
        asset: asset.id,
        signal: signal.name,
      });
    try {
      const schemas = [...contract.versions].reverse().map((v) => v.schema);
      const unit = fieldUnit(schemas, signal.contract, signal.field);
      if (signal.unit !== undefined) conversionOrRefusal(unit, checkedUnit(signal.unit), signal.field);
    } catch (error) {
      const code = error instanceof DxError ? error.code : 'BAD_ARGUMENT';
      throw new DxError(code, `${where}: ${describeError(error)}`, { asset: asset.id, signal: signal.name });
    }
  }
}

/**
 * Publishes the assets through the gateway as the hub, one request each; resolves with how many were new
 * or changed. A refusal is thrown with the hub's code, no answer as NATS_UNREACHABLE.
 */
export async function publishAssets(nats: NatsConnection, assets: Asset[]): Promise<number> {
  let stored = 0;
  for (const asset of assets) {
    const h = headers();
    h.set(HEADERS.producer, HUB_IDENTITY);
    h.set(HEADERS.version, ASSETS_VERSION);
    h.set(HEADERS.msgId, assetMsgId(asset));
    const subject = SUBJECTS.publish(ASSETS_CONTRACT);
    let reply: { ok: boolean; duplicate?: boolean; error?: { code: string; message: string } };
    try {
      reply = (
        await nats.request(subject, JSON.stringify(asset), { timeout: PUBLISH_TIMEOUT_MS, headers: h })
      ).json();
    } catch (error) {
      throw new DxError('NATS_UNREACHABLE', `no answer on ${subject}: ${describeError(error)}`, { subject });
    }
    if (!reply.ok)
      throw new DxError(
        reply.error!.code as DxErrorCode,
        `asset ${asset.id}: ${reply.error!.code}: ${reply.error!.message}`,
        { asset: asset.id },
      );
    if (!reply.duplicate) stored++;
  }
  return stored;
}

function assetMsgId(asset: Asset): string {
  return `asset:${asset.id}:${createHash('sha256').update(canonicalJson(asset)).digest('hex').slice(0, 32)}`;
}
