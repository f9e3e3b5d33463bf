/** `dx contracts consumers` and `dx contracts can-retire`: who depends on what. */
import { InvalidArgumentError, type Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { parseContractId, parseNonNegativeInteger } from '../parse-options.js';
import { RegistryClient } from '../registry-client.js';

interface ConsumersOptions {
  register?: string;
  majors?: number[];
  unit: Record<string, string>;
  unregister?: string;
}

export function registerContractsConsumers(contracts: Command): void {
  contracts
    .command('consumers')
    .description('list the consumers of a contract and the majors they read; or register or unregister one')
    .argument('<contract>', 'contract id', parseContractId)
    .option('--register <consumer>', 'register this consumer (yourself, or anyone as an architect)')
    .option('--majors <list>', 'with --register: the majors it reads, e.g. 1,2', parseMajors)
    .option(
      '--unit <pointer=unit>',
      "with --register: a field in the consumer's own unit, e.g. /temperature=K (repeatable; its subscriptions deliver it so)",
      parseUnit,
      {},
    )
    .option('--unregister <consumer>', 'unregister this consumer')
    .action(async (contract: string, options: ConsumersOptions) => {
      const client = new RegistryClient();
      if (options.register) {
        if (!options.majors) throw new InvalidArgumentError('--register needs --majors');
        await client.post(
          `/api/v1/contracts/${contract}/consumers/${options.register}`,
          { majors: options.majors, units: options.unit },
          'PUT',
        );
      } else if (options.unregister) {
        await client.post(
          `/api/v1/contracts/${contract}/consumers/${options.unregister}`,
          undefined,
          'DELETE',
        );
      }
      const view = await client.get<{
        consumers: { consumer: string; majors: number[]; units?: Record<string, string> }[];
      }>(`/api/v1/contracts/${contract}`);
      if (view.consumers.length === 0) console.log('no consumers registered');
      for (const c of view.consumers) {
        const units = Object.entries(c.units ?? {}).map(([pointer, unit]) => `${pointer} in ${unit}`);
        console.log(
          `${c.consumer}  major ${c.majors.join(', ')}${units.length > 0 ? `  (${units.join(', ')})` : ''}`,
        );
      }
    });

  contracts
    .command('can-retire')
    .description(
      'whether a major of a contract can be retired now: yes or no, with the reasons (exit 0 yes, 1 no)',
    )
    .argument('<contract>', 'contract id', parseContractId)
    .argument('<major>', 'the major', parseNonNegativeInteger)
    .action(async (contract: string, major: number) => {
      const answer = await new RegistryClient().get<{ canRetire: boolean; reasons: string[] }>(
        `/api/v1/contracts/${contract}/majors/${major}/can-retire`,
      );
      console.log(answer.canRetire ? 'yes' : 'no');
      for (const reason of answer.reasons) console.log(`  ${reason}`);
      process.exitCode = answer.canRetire ? EXIT.ok : EXIT.found;
    });
}

function parseMajors(value: string): number[] {
  const majors = value.split(',').map((m) => m.trim());
  if (majors.length === 0 || !majors.every((m) => /^\d+$/.test(m))) {
    throw new InvalidArgumentError('expected majors as integers separated by commas, e.g. 1,2');
  }
  return majors.map(Number);
}

function parseUnit(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (!value.startsWith('/') || at < 2 || at === value.length - 1) {
    throw new InvalidArgumentError('expected <JSON pointer>=<UCUM unit>, e.g. /temperature=K');
  }
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
