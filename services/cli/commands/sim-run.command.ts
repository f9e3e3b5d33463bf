/** `dx sim run SCENARIO.json`: runs a static or dynamic scenario and prints the result. */
import type { Command } from 'commander';
import { parseNonNegativeInteger } from '../parse-options.js';
import { readScenarioFile, simRequest } from '../sim-client.js';

interface RunOptions {
  every?: number;
  publish?: boolean;
  deadline?: number;
}

export function registerSimRun(sim: Command): void {
  sim
    .command('run')
    .description(
      'run a static or dynamic scenario (a request, or just a scenario) and print its result as JSON',
    )
    .argument('<file>', 'the scenario JSON file')
    .option('--every <n>', 'keep every n-th sample of a trajectory', parseNonNegativeInteger)
    .option('--publish', 'also publish the results as sim.results')
    .option('--deadline <ms>', 'stop the run after this many milliseconds', parseNonNegativeInteger)
    .action(async (file: string, options: RunOptions) => {
      const body = await readScenarioFile(file);
      if (options.every !== undefined) body.every = options.every;
      if (options.publish) body.publish = true;
      if (options.deadline !== undefined) body.deadlineMs = options.deadline;
      const waitMs = (typeof body.deadlineMs === 'number' ? body.deadlineMs : 300_000) + 5000;
      console.log(JSON.stringify(await simRequest('run', body, waitMs), null, 2));
    });
}
