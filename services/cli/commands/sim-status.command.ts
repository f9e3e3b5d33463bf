/** `dx sim status [ID]`: the pool, runs and sessions, or one of them (ticks, overruns, errors). */
import type { Command } from 'commander';
import { simRequest } from '../sim-client.js';

export function registerSimStatus(sim: Command): void {
  sim
    .command('status')
    .description('print the workers, runs and sessions, or one session or run by id')
    .argument('[id]', 'session or run id')
    .action(async (id?: string) => {
      console.log(JSON.stringify(await simRequest('status', id ? { id } : {}), null, 2));
    });
}
