/** `dx sim start SCENARIO.json`: starts a realtime session and prints its status. */
import type { Command } from 'commander';
import { readScenarioFile, simRequest } from '../sim-client.js';

export function registerSimStart(sim: Command): void {
  sim
    .command('start')
    .description(
      'start a realtime scenario (a request with twin/live options, or just a scenario); prints its id',
    )
    .argument('<file>', 'the scenario JSON file')
    .option('--id <id>', 'the session id (made up otherwise)')
    .action(async (file: string, options: { id?: string }) => {
      const body = await readScenarioFile(file);
      if (options.id) body.id = options.id;
      console.log(JSON.stringify(await simRequest('start', body, 15_000), null, 2));
    });
}
