/**
 * `dx nats-config`: the nats-server authorization block for the registry as it is recorded in the
 * event store and the identities file, so that the broker itself enforces who publishes and reads what.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../common/config/config.js';
import { IdentityDirectory } from '../../common/identity/identity-directory.js';
import { RegistryReader, type RegistryState } from '../../common/registry-state/index.js';
import { natsAuthorization } from '../../registry/index.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';

export function registerNatsConfig(program: Command): void {
  program
    .command('nats-config')
    .description(
      'write the nats-server authorization block (a user per identity, with the subjects it may publish ' +
        'and subscribe to) generated from the registry in the database and the identities file (DX_IDENTITIES)',
    )
    .option('--out <file>', 'write it to this file (created readable by its owner only) instead of stdout')
    .action(async (options: { out?: string }) => {
      const identitiesFile = loadConfig().identitiesFile;
      const directory = IdentityDirectory.fromFile(identitiesFile);
      const nats = directory.natsIdentities();
      for (const identity of directory.identities()) {
        if (!nats.some((n) => n.id === identity.id))
          console.error(
            `warning: ${identity.id} has no natsPasswordBcrypt in ${identitiesFile}: no NATS user`,
          );
      }
      if (nats.length === 0) {
        throw new CliFailure(
          `no identity in ${identitiesFile} has a natsPasswordBcrypt: the config would let nobody connect`,
          EXIT.found,
        );
      }
      const config = natsAuthorization(await readRegistry(), nats);
      if (options.out) {
        writeFileSync(options.out, config, { mode: 0o600 });
        console.error(`wrote ${nats.length} NATS users to ${options.out}`);
      } else {
        process.stdout.write(config);
      }
    });
}

async function readRegistry(): Promise<RegistryState> {
  const { db } = await openDatabase();
  try {
    const registry = new RegistryReader(db);
    await registry.refresh();
    return registry.state;
  } finally {
    await db.destroy();
  }
}
