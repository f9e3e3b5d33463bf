/** `dx contracts push | propose | approve | reject | deprecate | retire`: changes, through the registry. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadContracts } from '../../registry/contracts/load-contracts.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { parseContractId, parseIsoDate } from '../parse-options.js';
import { RegistryClient } from '../registry-client.js';

interface Recorded {
  recorded: string[];
  contract: { versions: { version: string; status: string }[] };
}

export function registerContractsLifecycle(contracts: Command): void {
  contracts
    .command('push')
    .description(
      'send every contract and version of a folder to the registry; new versions are proposed for review (all or nothing)',
    )
    .option('--dir <dir>', 'the contracts folder', 'contracts')
    .action(async (options: { dir: string }) => {
      const loaded = await loadContracts(path.resolve(options.dir));
      if (loaded.problems.length > 0) {
        for (const p of loaded.problems) console.error(`${p.file}: ${p.code}: ${p.message}`);
        throw new CliFailure(
          `${loaded.problems.length} problem(s) in ${options.dir}; nothing pushed (see dx contracts check)`,
          EXIT.found,
        );
      }
      const { steps } = await new RegistryClient().post<{
        steps: { contract: string; version?: string; outcome: string; reason?: string }[];
      }>('/api/v1/contracts', { contracts: loaded.contracts });
      for (const s of steps) {
        console.log(
          `${s.contract}${s.version ? ` ${s.version}` : ''}: ${s.outcome}${s.reason ? ` (${s.reason})` : ''}`,
        );
      }
    });

  contracts
    .command('propose')
    .description('propose a new version of a contract you own, from a JSON Schema file')
    .argument('<contract>', 'contract id', parseContractId)
    .argument('<version>', 'semantic version, e.g. 1.2.0')
    .argument('<schema-file>', 'the JSON Schema of the version')
    .option('--comment <text>', 'a note for the reviewers')
    .action(async (contract: string, version: string, file: string, options: { comment?: string }) => {
      const schema = await readJsonFile(file);
      report(
        await new RegistryClient().post<Recorded>(`/api/v1/contracts/${contract}/versions`, {
          version,
          schema,
          comment: options.comment,
        }),
      );
    });

  for (const [name, description] of [
    ['approve', 'approve a proposed version (architects); it becomes active'],
    ['reject', 'reject a proposed version (architects), with a comment saying why'],
    ['retire', 'retire a deprecated version (refused while a registered consumer still needs its major)'],
  ] as const) {
    contracts
      .command(name)
      .description(description)
      .argument('<contract>', 'contract id', parseContractId)
      .argument('<version>', 'the version')
      .option('--comment <text>', name === 'reject' ? 'why (required)' : 'a comment for the record')
      .action(async (contract: string, version: string, options: { comment?: string }) => {
        report(
          await new RegistryClient().post<Recorded>(
            `/api/v1/contracts/${contract}/versions/${version}/${name}`,
            { comment: options.comment },
          ),
        );
      });
  }

  contracts
    .command('deprecate')
    .description('deprecate an active version, announcing when it will be retired')
    .argument('<contract>', 'contract id', parseContractId)
    .argument('<version>', 'the version')
    .requiredOption('--sunset <iso>', 'when it will be retired', parseIsoDate)
    .option('--comment <text>', 'a comment for the record')
    .action(async (contract: string, version: string, options: { sunset: Date; comment?: string }) => {
      report(
        await new RegistryClient().post<Recorded>(
          `/api/v1/contracts/${contract}/versions/${version}/deprecate`,
          {
            sunset: options.sunset.toISOString(),
            comment: options.comment,
          },
        ),
      );
    });
}

function report(result: Recorded): void {
  console.log(
    result.recorded.length ? `recorded: ${result.recorded.join(', ')}` : 'nothing to do: already so',
  );
  for (const v of result.contract.versions) console.log(`  ${v.version}  ${v.status}`);
}

async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
  }
}
