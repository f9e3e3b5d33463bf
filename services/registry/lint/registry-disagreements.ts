/**
 * Where a contracts folder and the registry disagree, besides changed published versions (which
 * lintContracts reports as problems): contracts and versions on one side only, descriptors that
 * differ (the registry keeps the descriptor it was created with), and versions an architect rejected.
 */
import type { ContractView } from '../api/contract-view.js';
import type { ContractSource } from '../contracts/contract.types.js';

export interface Disagreement {
  contract: string;
  version?: string;
  message: string;
}

const DESCRIPTOR_FIELDS = ['owner', 'title', 'description', 'key', 'compatibility', 'tags'] as const;

export function registryDisagreements(folder: ContractSource[], registry: ContractView[]): Disagreement[] {
  const out: Disagreement[] = [];
  const recorded = new Map(registry.map((view) => [view.descriptor.id, view]));
  for (const source of folder) {
    const id = source.descriptor.id;
    const view = recorded.get(id);
    if (!view) {
      out.push({ contract: id, message: 'not in the registry yet (dx contracts push proposes it)' });
      continue;
    }
    for (const field of DESCRIPTOR_FIELDS) {
      const mine = JSON.stringify(source.descriptor[field]);
      const theirs = JSON.stringify(view.descriptor[field]);
      if (mine !== theirs) {
        out.push({
          contract: id,
          message: `${field} is ${theirs} in the registry but ${mine} in the folder (a push does not change a descriptor)`,
        });
      }
    }
    const versions = new Map(view.versions.map((v) => [v.version, v]));
    for (const { version } of source.versions) {
      const known = versions.get(version);
      if (!known) out.push({ contract: id, version, message: 'not in the registry yet' });
      else if (known.status === 'rejected') {
        const rejection = known.history.findLast((t) => t.status === 'rejected');
        out.push({
          contract: id,
          version,
          message:
            `rejected in the registry${rejection ? ` by ${rejection.by}` : ''}` +
            `${rejection?.comment ? `: ${rejection.comment}` : ''}; propose the change as a new version`,
        });
      }
    }
    const mine = new Set(source.versions.map((v) => v.version));
    for (const known of view.versions.filter((v) => !mine.has(v.version))) {
      out.push({
        contract: id,
        version: known.version,
        message: `${known.status} in the registry but not in the folder`,
      });
    }
  }
  const inFolder = new Set(folder.map((source) => source.descriptor.id));
  for (const view of registry.filter((v) => !inFolder.has(v.descriptor.id))) {
    out.push({ contract: view.descriptor.id, message: 'in the registry but not in the folder' });
  }
  return out;
}
