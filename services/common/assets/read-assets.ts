/**
 * The plant's assets at an instant, folded like any state from the hub.assets streams: on the event
 * timeline (an asset's description holds from its updatedAt on), optionally as known at a time.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { readStateAt } from '../event-store/read-state-at.js';
import { ASSETS_CONTRACT, type Asset, type AssetNode } from './asset.types.js';

export async function readAssets(db: Kysely<DB>, at = new Date(), knownAt?: Date): Promise<Asset[]> {
  const events = await readStateAt(db, { contractId: ASSETS_CONTRACT, at, timeline: 'event', knownAt });
  return events
    .map((e) => e.data as unknown as Asset)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The tree: each asset under its parent, children by id. An asset whose parent is not (yet) known
 * stands at the top beside the enterprise, so that nothing disappears from view.
 */
export function assetTree(assets: Asset[]): AssetNode[] {
  const nodes = new Map<string, AssetNode>();
  for (const { design, signals, ...asset } of assets) {
    void design;
    nodes.set(asset.id, { ...asset, signals: signals.map((s) => s.name), children: [] });
  }
  const roots: AssetNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent === null ? undefined : nodes.get(node.parent);
    if (parent && !isAncestor(node, parent, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Whether `node` is above `parent` already: a cycle in the data must not hide both. */
function isAncestor(node: AssetNode, parent: AssetNode, nodes: Map<string, AssetNode>): boolean {
  const seen = new Set<string>();
  for (
    let at: AssetNode | undefined = parent;
    at && !seen.has(at.id);
    at = at.parent ? nodes.get(at.parent) : undefined
  ) {
    if (at.id === node.id) return true;
    seen.add(at.id);
  }
  return false;
}
