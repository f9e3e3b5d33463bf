/** `dx contracts check`: lints a contracts folder; meant for CI. */
import path from 'node:path';
import type { Command } from 'commander';
import { loadContracts } from '../../registry/contracts/load-contracts.js';
import { checkHistory } from '../../registry/lifecycle/check-history.js';
import { lintContracts, type PublishedDigests } from '../../registry/lint/lint-contracts.js';
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
        'versions are compatible within their major, transforms parse, and published versions are unchanged (when the registry answers)',
    )
    .option('--dir <dir>', 'the contracts folder', 'contracts')
    .option('--offline', 'do not ask the registry (skips the immutability check)')
    .action(async (options: CheckOptions) => {
      const dir = path.resolve(options.dir);
      const loaded = await loadContracts(dir).catch((error: unknown) => {
        throw new CliFailure(`cannot read ${dir}: ${(error as Error).message}`, EXIT.usage);
      });
      const published = options.offline ? undefined : await publishedDigests();
      const problems = lintContracts(loaded, checkHistory, published);
      for (const p of problems)
        console.log(`${p.file}${p.pointer ? `#${p.pointer}` : ''}: ${p.code}: ${p.message}`);
      const versions = loaded.contracts.reduce((n, c) => n + c.versions.length, 0);
      console.log(
        `checked ${loaded.contracts.length} contracts, ${versions} versions: ` +
          (problems.length === 0 ? 'no problems' : `${problems.length} problem(s)`),
      );
      process.exitCode = problems.length > 0 ? EXIT.found : EXIT.ok;
    });
}

/** The registry's digests, or undefined (with a note) when it does not answer. */
async function publishedDigests(): Promise<PublishedDigests | undefined> {
  const client = new RegistryClient();
  try {
    const contracts =
      await client.get<{ descriptor: { id: string }; versions: { version: string; digest: string }[] }[]>(
        '/api/v1/contracts',
      );
    return new Map(
      contracts.map((c) => [c.descriptor.id, new Map(c.versions.map((v) => [v.version, v.digest]))]),
    );
  } catch (error) {
    console.error(`note: ${(error as Error).message}; immutability against the registry not checked`);
    return undefined;
  }
}
