/**
 * The demo plant's asset hierarchy (assets/demo-plant.json) loaded as `dx assets load` does it: signals
 * checked against the registry, each asset published by the hub with a digest message id, so a second
 * start stores nothing new. A gateway that has not yet folded in the just-approved hub.assets contract
 * refuses the first publish; it is asked again for a few seconds.
 */
import path from 'node:path';
import {
  checkAssetSignals,
  DEMO_ASSETS_FILE,
  publishAssets,
  readAssetsFile,
} from '../common/assets/load-assets.js';
import type { DxConfig } from '../common/config/config.js';
import { repoRoot } from '../common/config/repo-root.js';
import { createDb } from '../common/db/create-db.js';
import { DxError } from '../common/errors/dx-error.js';
import { connectNats } from '../common/nest/nats/connect-nats.js';
import { RegistryReader } from '../common/registry-state/index.js';

/** How long the gateway may take to see the contracts the launcher just made live. */
const GATEWAY_CATCH_UP_MS = 10_000;

export async function loadDemoAssets(
  config: DxConfig,
): Promise<{ file: string; assets: number; stored: number }> {
  const assets = await readAssetsFile(path.join(repoRoot(), DEMO_ASSETS_FILE));
  const { db } = createDb(config.databaseUrl);
  try {
    const registry = new RegistryReader(db);
    await registry.refresh();
    for (const asset of assets) checkAssetSignals(asset, registry);
  } finally {
    await db.destroy();
  }
  const nats = await connectNats(config.natsUrl, {
    timeoutMs: 5000,
    keepReconnecting: false,
    name: 'dx-launcher',
  });
  try {
    const deadline = Date.now() + GATEWAY_CATCH_UP_MS;
    for (;;) {
      try {
        return { file: DEMO_ASSETS_FILE, assets: assets.length, stored: await publishAssets(nats, assets) };
      } catch (error) {
        if (!(error instanceof DxError) || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await nats.close();
  }
}
