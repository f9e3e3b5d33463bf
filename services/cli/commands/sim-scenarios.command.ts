/**
 * `dx sim scenarios list|save FILE|show NAME|run NAME`: the simulation's scenario library, over
 * dx.sim.scenarios-*. Saving takes the caller's DX_TOKEN (a name belongs to the subsystem that saved
 * it first); running by name takes overrides, `--set /inputs/R101.T_j=260` (a JSON pointer into the
 * saved request, and a JSON value or else a string).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { CliFailure, EXIT } from '../exit-codes.js';
import type { Timeline } from '../../common/event-store/timeline.js';
import { parseIsoDate, parseNonNegativeInteger, parseTimelineOption } from '../parse-options.js';
import { readJsonObject, simRequest } from '../sim-client.js';

interface RunOptions {
  version?: number;
  set: Record<string, unknown>;
  id?: string;
  every?: number;
  publish?: boolean;
  asOf?: Date;
  timeline?: Timeline;
  knownAt?: Date;
}

function parseSet(value: string, previous: Record<string, unknown>): Record<string, unknown> {
  const at = value.indexOf('=');
  if (!value.startsWith('/') || at < 2) {
    throw new InvalidArgumentError('expected <JSON pointer>=<value>, e.g. /inputs/R101.T_j=260');
  }
  const raw = value.slice(at + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: the value is the text itself (e.g. --set /scenario/method=solve_ivp).
  }
  return { ...previous, [value.slice(0, at)]: parsed };
}

export function registerSimScenarios(sim: Command): void {
  const scenarios = sim
    .command('scenarios')
    .description('the scenario library: named, versioned scenarios in the hub');
  scenarios
    .command('list')
    .description('list the saved scenarios: name, latest version, owner, mode, hash')
    .action(async () => {
      console.log(JSON.stringify(await simRequest('scenarios-list', {}), null, 2));
    });
  scenarios
    .command('save')
    .description(
      'save a scenario file ({name, description?, request}) as the next version of its name (DX_TOKEN: who saves)',
    )
    .argument('<file>', 'the scenario file')
    .action(async (file: string) => {
      const token = process.env.DX_TOKEN;
      if (!token)
        throw new CliFailure(
          'saving a scenario needs DX_TOKEN: the name belongs to who saves it',
          EXIT.usage,
        );
      console.log(
        JSON.stringify(
          await simRequest('scenarios-save', await readJsonObject(file), 30_000, token),
          null,
          2,
        ),
      );
    });
  scenarios
    .command('show')
    .description('print a saved scenario (the latest version, or --version n)')
    .argument('<name>', 'the scenario name')
    .option('--version <n>', 'which version', parseNonNegativeInteger)
    .action(async (name: string, options: { version?: number }) => {
      const body = options.version !== undefined ? { name, version: options.version } : { name };
      console.log(JSON.stringify(await simRequest('scenarios-show', body), null, 2));
    });
  scenarios
    .command('run')
    .description('run a saved scenario by name (start it, when it is realtime) and print the result')
    .argument('<name>', 'the scenario name')
    .option('--version <n>', 'which version (default: the latest)', parseNonNegativeInteger)
    .option('--set <pointer=value>', 'override a value of the saved request (repeatable)', parseSet, {})
    .option('--id <id>', 'the run or session id')
    .option('--every <n>', 'keep every n-th sample of a trajectory', parseNonNegativeInteger)
    .option('--publish', 'also publish the results as sim.results')
    .option('--as-of <time>', 'initial state as the plant was at that time (ISO 8601)', parseIsoDate)
    .option(
      '--timeline <event|recorded>',
      'the timeline of --as-of: recorded (what the hub had stored then; default) or event (what was true then, late data included)',
      parseTimelineOption,
    )
    .option(
      '--known-at <time>',
      'with --timeline event: only what the hub had recorded by this time',
      parseIsoDate,
    )
    .action(async (name: string, options: RunOptions) => {
      const body: Record<string, unknown> = { name, set: options.set };
      if (options.version !== undefined) body.version = options.version;
      if (options.id) body.id = options.id;
      if (options.every !== undefined) body.every = options.every;
      if (options.publish) body.publish = true;
      if (options.asOf)
        body.asOf = {
          time: options.asOf.toISOString(),
          timeline: options.timeline ?? 'recorded',
          ...(options.knownAt ? { knownAt: options.knownAt.toISOString() } : {}),
        };
      console.log(JSON.stringify(await simRequest('scenarios-run', body, 305_000), null, 2));
    });
}
