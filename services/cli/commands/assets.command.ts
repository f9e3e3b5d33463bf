/**
 * `dx assets`: the plant's asset hierarchy (contract hub.assets). `tree`, `show ID` and `signals ID`
 * read the database like `dx replay` (the operator's view; --at reads the plant as it stood then);
 * `load [FILE]` publishes a hierarchy file through the gateway as the hub, after checking every
 * signal against the registry (its contract, a numeric field, a unit that converts). Loading the same
 * file again stores nothing new: each asset's message id is the digest of its content.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ASSETS_CONTRACT, type Asset, type AssetNode } from '../../common/assets/asset.types.js';
import {
  checkAssetSignals,
  DEMO_ASSETS_FILE,
  publishAssets,
  readAssetsFile,
} from '../../common/assets/load-assets.js';
import { assetTree, readAssets } from '../../common/assets/read-assets.js';
import { signalValues } from '../../common/assets/signal-values.js';
import { repoRoot } from '../../common/config/repo-root.js';
import { DxError } from '../../common/errors/dx-error.js';
import type { SchemaLookup } from '../../common/history/samples-of.js';
import { RegistryReader } from '../../common/registry-state/index.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';
import { openNats } from '../open-nats.js';
import { parseIsoDate } from '../parse-options.js';
import { writeLine } from '../write-line.js';

interface When {
  at?: Date;
  knownAt?: Date;
}

export function registerAssets(program: Command): void {
  const assets = program
    .command('assets')
    .description("the plant's asset hierarchy (ISA-95), its signals and their values");
  const when = (command: Command) =>
    command
      .option('--at <iso>', 'the plant as it stood at this time (default: now)', parseIsoDate)
      .option('--known-at <iso>', 'as the hub knew it then', parseIsoDate);

  when(
    assets.command('tree').description('print the asset tree, one asset a line, indented under its parent'),
  ).action(async (options: When) => {
    const tree = await withRegistry(async ({ db }) =>
      assetTree(await readAssets(db, options.at, options.knownAt)),
    );
    const print = async (nodes: AssetNode[], depth: number): Promise<void> => {
      for (const node of nodes) {
        const signals = node.signals.length > 0 ? `  [${node.signals.join(', ')}]` : '';
        await writeLine(
          process.stdout,
          `${'  '.repeat(depth)}${node.id}  ${node.level} ${node.type}: ${node.name}${signals}`,
        );
        await print(node.children, depth + 1);
      }
    };
    await print(tree, 0);
  });

  when(
    assets
      .command('show')
      .description('print an asset as JSON: design data, children and its signals with their latest values'),
  )
    .argument('<id>', 'the asset, e.g. R101')
    .action(async (id: string, options: When) => {
      const shown = await withRegistry(async ({ db, lookup }) => {
        const all = await readAssets(db, options.at, options.knownAt);
        const asset = found(all, id);
        const values = await signalValues(db, lookup, asset.signals, options.at);
        return { ...asset, children: all.filter((a) => a.parent === id).map((a) => a.id), signals: values };
      });
      console.log(JSON.stringify(shown, null, 2));
    });

  when(
    assets
      .command('signals')
      .description("print an asset's signals, one JSON line each, with their latest values"),
  )
    .argument('<id>', 'the asset, e.g. R101')
    .action(async (id: string, options: When) => {
      const values = await withRegistry(async ({ db, lookup }) => {
        const asset = found(await readAssets(db, options.at, options.knownAt), id);
        return signalValues(db, lookup, asset.signals, options.at);
      });
      for (const value of values) await writeLine(process.stdout, JSON.stringify(value));
    });

  assets
    .command('load')
    .description(
      `publish a hierarchy file as contract ${ASSETS_CONTRACT}, as the hub (default: the demo plant)`,
    )
    .argument('[file]', 'a JSON file {"assets": [...]}', path.join(repoRoot(), DEMO_ASSETS_FILE))
    .action(async (file: string) => {
      const stored = await failingAsCli(async () => {
        const list = await readAssetsFile(file);
        await withRegistry(async ({ registry }) => {
          for (const asset of list) checkAssetSignals(asset, registry);
        });
        const nats = await openNats();
        try {
          return { assets: list.length, stored: await publishAssets(nats, list) };
        } finally {
          await nats.close();
        }
      });
      console.log(`loaded ${stored.assets} assets from ${file}: ${stored.stored} new or changed`);
    });
}

/** A file that cannot be read is a usage error; a signal or an asset refused, something found; no hub, a failure. */
async function failingAsCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DxError)) throw error;
    const exit =
      error.code === 'BAD_ARGUMENT' && error.details.file !== undefined
        ? EXIT.usage
        : error.code === 'NATS_UNREACHABLE'
          ? EXIT.failed
          : EXIT.found;
    throw new CliFailure(error.message, exit);
  }
}

function found(assets: Asset[], id: string): Asset {
  const asset = assets.find((a) => a.id === id);
  if (!asset) throw new CliFailure(`there is no asset ${id}`, EXIT.found);
  return asset;
}

async function withRegistry<T>(
  work: (context: {
    db: Awaited<ReturnType<typeof openDatabase>>['db'];
    registry: RegistryReader;
    lookup: SchemaLookup;
  }) => Promise<T>,
): Promise<T> {
  const { db } = await openDatabase();
  try {
    const registry = new RegistryReader(db);
    await registry.refresh();
    const lookup: SchemaLookup = (contractId, version) => registry.schemaOf(contractId, version);
    return await work({ db, registry, lookup });
  } finally {
    await db.destroy();
  }
}
