/** `dx contracts docs --out DIR`: writes the AsyncAPI document and the HTML reference of the live contracts. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { RegistryClient } from '../registry-client.js';

export function registerContractsDocs(contracts: Command): void {
  contracts
    .command('docs')
    .description(
      'write asyncapi.json (AsyncAPI 3.0) and index.html (a reference for people) of every live contract version',
    )
    .requiredOption('--out <dir>', 'where to write them')
    .action(async (options: { out: string }) => {
      const client = new RegistryClient();
      const asyncapi = await client.get<unknown>('/api/v1/asyncapi.json');
      const html = await client.text('/api/v1/docs/contracts.html');
      await mkdir(options.out, { recursive: true });
      await writeFile(path.join(options.out, 'asyncapi.json'), `${JSON.stringify(asyncapi, null, 2)}\n`);
      await writeFile(path.join(options.out, 'index.html'), html);
      console.log(
        `wrote ${path.join(options.out, 'asyncapi.json')} and ${path.join(options.out, 'index.html')}`,
      );
    });
}
