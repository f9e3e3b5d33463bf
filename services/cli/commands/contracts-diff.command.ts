/** `dx contracts diff ID A B`: two recorded versions compared, the schema diff and the compatibility report. */
import type { Command } from 'commander';
import type { VersionComparison } from '../../registry/index.js';
import { parseContractId } from '../parse-options.js';
import { RegistryClient } from '../registry-client.js';
import { compatibilityLines, diffLines } from '../review-lines.js';

export function registerContractsDiff(contracts: Command): void {
  contracts
    .command('diff')
    .description(
      'compare two versions of a contract: schema diff by JSON pointer and the compatibility report',
    )
    .argument('<contract>', 'contract id', parseContractId)
    .argument('<from>', 'the older version')
    .argument('<to>', 'the newer version')
    .option('--json', 'print the registry answer as JSON')
    .action(async (contract: string, from: string, to: string, options: { json?: boolean }) => {
      const query = new URLSearchParams({ from, to });
      const comparison = await new RegistryClient().get<VersionComparison>(
        `/api/v1/contracts/${contract}/diff?${query.toString()}`,
      );
      if (options.json) {
        console.log(JSON.stringify(comparison, null, 2));
        return;
      }
      for (const line of [...diffLines(comparison.diff), ...compatibilityLines(comparison.compatibility, to)])
        console.log(line);
    });
}
