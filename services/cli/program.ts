/** The `dx` command line: every command, its options and the exit codes, in one program. */
import { Command } from 'commander';
import { registerAssets } from './commands/assets.command.js';
import { registerAuditAnchor } from './commands/audit-anchor.command.js';
import { registerAuditVerify } from './commands/audit-verify.command.js';
import { registerContractsCheck } from './commands/contracts-check.command.js';
import { registerContractsCompat } from './commands/contracts-compat.command.js';
import { registerContractsConsumers } from './commands/contracts-consumers.command.js';
import { registerContractsDiff } from './commands/contracts-diff.command.js';
import { registerContractsDocs } from './commands/contracts-docs.command.js';
import { registerContractsLifecycle } from './commands/contracts-lifecycle.command.js';
import { registerContractsList } from './commands/contracts-list.command.js';
import { registerContractsShow } from './commands/contracts-show.command.js';
import { registerDbMigrate } from './commands/db-migrate.command.js';
import { registerGet } from './commands/get.command.js';
import { registerHistory } from './commands/history.command.js';
import { registerPublish } from './commands/publish.command.js';
import { registerRejectionsList } from './commands/rejections-list.command.js';
import { registerTail } from './commands/tail.command.js';
import { registerNatsConfig } from './commands/nats-config.command.js';
import { registerReplay } from './commands/replay.command.js';
import { registerLineage } from './commands/lineage.command.js';
import { registerSimModels } from './commands/sim-models.command.js';
import { registerSimRun } from './commands/sim-run.command.js';
import { registerSimScenarios } from './commands/sim-scenarios.command.js';
import { registerSimStart } from './commands/sim-start.command.js';
import { registerSimStatus } from './commands/sim-status.command.js';
import { registerSimStop } from './commands/sim-stop.command.js';
import { commandReference } from './command-reference.js';
import { EXIT_CODES_HELP } from './exit-codes.js';

export function createProgram(): Command {
  const program = new Command('dx')
    .description(
      'DX Hub command line. Configuration by environment: DATABASE_URL (default ' +
        'postgres://postgres@127.0.0.1:5432/dx), NATS_URL (default nats://127.0.0.1:4222).',
    )
    .version('0.1.0')
    // Options before the subcommand are dx's own; after it, the subcommand's (dx publish --version 1.0.0).
    .enablePositionalOptions()
    .exitOverride()
    .showSuggestionAfterError(true);
  registerDbMigrate(program);
  registerReplay(program);
  const audit = program.command('audit').description('tamper evidence: the hash chain and anchors');
  registerAuditVerify(audit);
  registerAuditAnchor(audit);
  registerPublish(program);
  registerGet(program);
  registerTail(program);
  registerHistory(program);
  registerAssets(program);
  registerRejectionsList(program);
  registerNatsConfig(program);
  const contracts = program.command('contracts').description('the contract registry');
  registerContractsList(contracts);
  registerContractsShow(contracts);
  registerContractsDiff(contracts);
  registerContractsCheck(contracts);
  registerContractsLifecycle(contracts);
  registerContractsConsumers(contracts);
  registerContractsDocs(contracts);
  registerContractsCompat(contracts);
  registerLineage(program);
  const sim = program.command('sim').description('the simulation service: models, runs, realtime sessions');
  registerSimModels(sim);
  registerSimRun(sim);
  registerSimStart(sim);
  registerSimStop(sim);
  registerSimStatus(sim);
  registerSimScenarios(sim);
  program.addHelpText('after', () => `${commandReference(program)}\n${EXIT_CODES_HELP}`);
  // Subcommands inherit neither exitOverride nor the help footer; give them both.
  const configure = (command: Command) => {
    command.exitOverride();
    if (command !== program) command.addHelpText('after', EXIT_CODES_HELP);
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}
