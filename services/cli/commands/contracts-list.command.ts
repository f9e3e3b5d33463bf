/** `dx contracts list`: every contract in the registry, with owner, versions and their status, consumers. */
import type { Command } from 'commander';
import type { ContractView } from '../../registry/index.js';
import { RegistryClient } from '../registry-client.js';

export function registerContractsList(contracts: Command): void {
  contracts
    .command('list')
    .description('list the contracts in the registry: owner, versions with their status, consumers per major')
    .option('--json', 'print the registry answer as JSON')
    .action(async (options: { json?: boolean }) => {
      const views = await new RegistryClient().get<ContractView[]>('/api/v1/contracts');
      if (options.json) {
        console.log(JSON.stringify(views, null, 2));
        return;
      }
      if (views.length === 0) console.log('the registry has no contracts');
      for (const view of views) console.log(contractLine(view));
    });
}

/** `scada.alarms (owner scada, BACKWARD): 1.0.0 active, 1.1.0 proposed; consumers: twin v1` */
export function contractLine(view: ContractView): string {
  const versions = view.versions.map((v) => `${v.version} ${v.status}`).join(', ') || 'no versions';
  const consumers = view.consumers.map((c) => `${c.consumer} v${c.majors.join(',v')}`).join(', ') || 'none';
  return `${view.descriptor.id} (owner ${view.descriptor.owner}, ${view.descriptor.compatibility}): ${versions}; consumers: ${consumers}`;
}
