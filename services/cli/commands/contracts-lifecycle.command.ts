/** `dx contracts push | propose | approve | reject | deprecate | retire`: changes, through the registry. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadContracts, type PushStep, type ReviewEvidence } from '../../registry/index.js';
import { contractsFolder } from '../contracts-folder.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { parseContractId, parseIsoDate } from '../parse-options.js';
import { RegistryClient } from '../registry-client.js';
import { compatibilityLines, documentationLines, transformsLines } from '../review-lines.js';

interface Recorded {
  recorded: string[];
  contract: { versions: { version: string; status: string }[] };
  /** A proposal's evidence (propose only). */
  review?: ReviewEvidence;
}

export function registerContractsLifecycle(contracts: Command): void {
  contracts
    .command('push')
    .description(
      'send every contract and version of a folder to the registry; new versions are proposed for review (all or nothing)',
    )
    .option('--dir <dir>', 'the contracts folder', 'contracts')
    .action(async (options: { dir: string }) => {
      const loaded = await loadContracts(contractsFolder(options.dir));
      if (loaded.problems.length > 0) {
        for (const p of loaded.problems) console.error(`${p.file}: ${p.code}: ${p.message}`);
        throw new CliFailure(
          `${loaded.problems.length} problem(s) in ${options.dir}; nothing pushed (see dx contracts check)`,
          EXIT.found,
        );
      }
      const { steps } = await new RegistryClient().post<{ steps: PushStep[] }>('/api/v1/contracts', {
        contracts: loaded.contracts,
      });
      for (const s of steps) {
        const status = s.outcome === 'unchanged' && s.status ? ` (${s.status})` : '';
        console.log(
          `${s.contract}${s.version ? ` ${s.version}` : ''}: ${s.outcome}${status}${s.reason ? ` (${s.reason})` : ''}`,
        );
        if (s.evidence && s.version) printEvidence(s.evidence, s.version, '  ');
      }
      const rejected = steps.filter((s) => s.outcome === 'rejected');
      if (rejected.length > 0) {
        console.error(
          `note: ${rejected.length} version(s) in ${options.dir} were rejected in the registry; ` +
            'a rejected version never changes: propose the change as a new version',
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
    .option(
      '--up <file>',
      'first version of a major: JSONata turning data of the previous major into this one',
    )
    .option(
      '--down <file>',
      'first version of a major: JSONata turning data of this major into the previous one',
    )
    .action(async (contract: string, version: string, file: string, options: ProposeOptions) => {
      const schema = await readJsonFile(file);
      const up = options.up ? await readTextFile(options.up) : undefined;
      const down = options.down ? await readTextFile(options.down) : undefined;
      const result = await new RegistryClient().post<Recorded>(`/api/v1/contracts/${contract}/versions`, {
        version,
        schema,
        comment: options.comment,
        ...(up || down ? { transforms: { up, down } } : {}),
      });
      report(result);
      if (result.review) printEvidence(result.review, version, '');
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

interface ProposeOptions {
  comment?: string;
  up?: string;
  down?: string;
}

/** What the reviewers will see of a proposed version; warnings (consumers left without data) on stderr. */
function printEvidence(
  evidence: Pick<ReviewEvidence, 'compatibility' | 'documentation' | 'transforms'>,
  version: string,
  indent: string,
): void {
  for (const line of [
    ...compatibilityLines(evidence.compatibility, version),
    ...documentationLines(evidence.documentation),
  ])
    console.log(`${indent}${line}`);
  for (const line of transformsLines(evidence.transforms)) {
    if (line.startsWith('warning: ')) console.error(`${indent}${line}`);
    else console.log(`${indent}${line}`);
  }
}

function report(result: Recorded): void {
  console.log(
    result.recorded.length ? `recorded: ${result.recorded.join(', ')}` : 'nothing to do: already so',
  );
  for (const v of result.contract.versions) console.log(`  ${v.version}  ${v.status}`);
}

async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
  }
}

async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
  }
}
