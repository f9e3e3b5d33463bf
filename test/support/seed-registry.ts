/**
 * Records the demo plant's contracts in a test database the way the registry would: each created by
 * its owner, every version proposed and approved by an architect (so all are live), the
 * simulation registered to consume the SCADA telemetry and analytics the pumps'. Gateways fold
 * this state from the store, so tests need no running registry.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../services/common/db/schema.js';
import { loadContracts } from '../../services/registry/contracts/load-contracts.js';
import { checkHistory } from '../../services/registry/lifecycle/check-history.js';
import { decideCreateContract } from '../../services/registry/lifecycle/create-contract.js';
import { decideProposeVersion } from '../../services/registry/lifecycle/propose-version.js';
import { Registry } from '../../services/registry/lifecycle/registry.js';
import {
  decideRegisterConsumer,
  decideUnregisterConsumer,
} from '../../services/registry/lifecycle/register-consumer.js';
import { decideApprove } from '../../services/registry/lifecycle/review-version.js';
import { REPO_ROOT } from './run-process.js';

const ARCHITECT = { id: 'architect', role: 'architect' as const };

export async function seedRegistry(db: Kysely<DB>): Promise<Registry> {
  const registry = new Registry(db);
  const { contracts } = await loadContracts(path.join(REPO_ROOT, 'contracts'));
  for (const source of contracts) {
    const id = source.descriptor.id;
    const owner = { id: source.descriptor.owner, role: 'subsystem' as const };
    await registry.execute(id, (s) => decideCreateContract(s, owner, source.descriptor));
    for (const { version, schema } of source.versions) {
      const major = Number(version.split('.')[0]);
      const transforms = version.endsWith('.0.0')
        ? source.transforms.find((t) => t.major === major)
        : undefined;
      await registry.execute(id, (s) =>
        decideProposeVersion(
          s,
          owner,
          {
            contract: id,
            version,
            schema,
            transforms: transforms && { up: transforms.up, down: transforms.down },
          },
          checkHistory,
        ),
      );
      await registry.execute(id, (s) => decideApprove(s, ARCHITECT, id, version));
    }
  }
  // The twin reads the plant's telemetry: the simulation is registered to consume it.
  const simulation = { id: 'simulation', role: 'subsystem' as const };
  for (const [contract, majors] of [
    ['scada.reactor-telemetry', [1, 2]],
    ['scada.pump-telemetry', [1]],
    ['scada.exchanger-telemetry', [1]],
  ] as const) {
    await registry.execute(contract, (s) =>
      decideRegisterConsumer(s, simulation, contract, 'simulation', [...majors]),
    );
  }
  // The pump health loops read the pumps' telemetry as the analytics subsystem.
  const analytics = { id: 'analytics', role: 'subsystem' as const };
  await registry.execute('scada.pump-telemetry', (s) =>
    decideRegisterConsumer(s, analytics, 'scada.pump-telemetry', 'analytics', [1]),
  );
  return registry;
}

/** Registers `consumer` to read `contract` (as an architect would), so it may follow it. */
export async function registerConsumer(
  db: Kysely<DB>,
  contract: string,
  consumer: string,
  majors: number[],
): Promise<void> {
  await new Registry(db).execute(contract, (s) =>
    decideRegisterConsumer(s, ARCHITECT, contract, consumer, majors),
  );
}

/** Ends `consumer`'s registration for `contract` (as an architect would). */
export async function unregisterConsumer(db: Kysely<DB>, contract: string, consumer: string): Promise<void> {
  await new Registry(db).execute(contract, (s) => decideUnregisterConsumer(s, ARCHITECT, contract, consumer));
}
