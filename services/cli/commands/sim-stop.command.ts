/** `dx sim stop ID`: stops a realtime session or cancels a run. */
import type { Command } from 'commander';
import { simRequest } from '../sim-client.js';

export function registerSimStop(sim: Command): void {
  sim
    .command('stop')
    .description('stop a realtime session, or cancel a running run, by its id')
    .argument('<id>', 'session or run id')
    .action(async (id: string) => {
      console.log(JSON.stringify(await simRequest('stop', { id }), null, 2));
    });
}
