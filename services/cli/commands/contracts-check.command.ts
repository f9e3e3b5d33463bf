/** `dx contracts check`: lints a contracts folder; meant for CI. */
import type { Command } from 'commander';
import {
  checkHistory,
  lintContracts,
  loadContracts,
  registryDisagreements,
  type ContractView,
  type Disagreement,
  type PublishedDigests,
} from '../../registry/index.js';
import { contractsFolder } from '../contracts-folder.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { RegistryClient } from '../registry-client.js';

interface CheckOptions {
  dir: string;
  offline?: boolean;
}

export function registerContractsCheck(contracts: Command): void {
  contracts
    .command('check')
    .description(
      'lint a contracts folder: schemas compile in ajv strict mode, examples validate, documentation is complete, ' +
        'versions are compatible within their major, transforms parse, and published versions are unchanged; ' +
        'unless --offline, also where the folder and the registry disagree (not pushed, rejected, descriptor changed)',
    )
    .option('--dir <dir>', 'the contracts folder', 'contracts')
    .option('--offline', 'do not ask the registry (skips the immutability check)')
    .action(async (options: CheckOptions) => {
      const dir = contractsFolder(options.dir);
      const loaded = await loadContracts(dir).catch((error: unknown) => {
        throw new CliFailure(`cannot read ${dir}: ${(error as Error).message}`, EXIT.usage);
      });
      const registry = options.offline ? undefined : await registryContracts();
      const problems = lintContracts(loaded, checkHistory, registry && digestsOf(registry));
      for (const p of problems)
        console.log(`${p.file}${p.pointer ? `#${p.pointer}` : ''}: ${p.code}: ${p.message}`);
      const disagreements: Disagreement[] = registry ? registryDisagreements(loaded.contracts, registry) : [];
      for (const d of disagreements)
        console.log(`registry: ${d.contract}${d.version ? ` ${d.version}` : ''}: ${d.message}`);
      const versions = loaded.contracts.reduce((n, c) => n + c.versions.length, 0);
      console.log(
        `checked ${loaded.contracts.length} contracts, ${versions} versions: ` +
          (problems.length === 0 ? 'no problems' : `${problems.length} problem(s)`) +
          (registry ? `; ${disagreements.length} difference(s) from the registry` : ''),
      );
      process.exitCode = problems.length > 0 ? EXIT.found : EXIT.ok;
    });
}

/** The registry's contracts, or undefined (with a note) when it does not answer. */
async function registryContracts(): Promise<ContractView[] | undefined> {
  try {
    return await new RegistryClient().get<ContractView[]>('/api/v1/contracts');
  } catch (error) {
    console.error(`note: ${(error as Error).message}; not compared with the registry`);
    return undefined;
  }
}

function digestsOf(contracts: ContractView[]): PublishedDigests {
  return new Map(
    contracts.map((c) => [c.descriptor.id, new Map(c.versions.map((v) => [v.version, v.digest]))]),
  );
}
