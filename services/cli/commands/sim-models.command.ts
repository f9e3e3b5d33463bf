/** `dx sim models`: what the simulation workers can run, and the equipment the service holds. */
import type { Command } from 'commander';
import { simRequest } from '../sim-client.js';

export function registerSimModels(sim: Command): void {
  sim
    .command('models')
    .description('print the models (parameters, states, inputs, outputs with units) and instances as JSON')
    .action(async () => {
      console.log(JSON.stringify(await simRequest('models', {}), null, 2));
    });
}
