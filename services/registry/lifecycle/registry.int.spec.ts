import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { compileSchema } from '../../common/schemas/compile-schema.js';
import type { ContractDescriptor } from '../contracts/contract.types.js';
import type { CheckHistory } from './compatibility-check.types.js';
import { decideCreateContract } from './create-contract.js';
import { decideProposeVersion } from './propose-version.js';
import { decideRegisterConsumer } from './register-consumer.js';
import { Registry } from './registry.js';
import type { RegistryEvent } from '../../common/registry-state/index.js';
import { decideApprove } from './review-version.js';

let database: TestDatabase;
const scada: Identity = { id: 'scada', role: 'subsystem' };
const architect: Identity = { id: 'architect.petrov', role: 'architect' };
const noBreaks: CheckHistory = () => [];

const descriptor: ContractDescriptor = {
  id: 'scada.pump-telemetry',
  owner: 'scada',
  title: 'Pump telemetry',
  description: 'Pump values.',
  key: '/equipment',
  compatibility: 'BACKWARD',
  tags: [],
};
const schema = JSON.parse(
  readFileSync(new URL('../../../contracts/scada/pump-telemetry/1.0.0.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function refusal(promise: Promise<unknown>): Promise<DxError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as DxError,
  );
}

describe('the registry, event-sourced in the event store', () => {
  it('records each decision as events and rebuilds the same state from them in a new instance', async () => {
    const registry = new Registry(database.db);
    await registry.execute(descriptor.id, (s) => decideCreateContract(s, scada, descriptor));
    await registry.execute(descriptor.id, (s) =>
      decideProposeVersion(s, scada, { contract: descriptor.id, version: '1.0.0', schema }, noBreaks),
    );
    await registry.execute(descriptor.id, (s) =>
      decideApprove(s, architect, descriptor.id, '1.0.0', 'looks right'),
    );

    const fresh = new Registry(database.db);
    await fresh.refresh();
    const contract = fresh.state.contracts.get(descriptor.id)!;
    expect(contract.descriptor).toEqual(descriptor);
    expect(contract.versions.map((v) => [v.version, v.status])).toEqual([['1.0.0', 'active']]);
    expect(contract.versions[0]!.history.map((t) => [t.status, t.by, t.comment])).toEqual([
      ['proposed', 'scada', undefined],
      ['approved', 'architect.petrov', 'looks right'],
      ['active', 'architect.petrov', undefined],
    ]);
  });

  it('does nothing when the same decision is made twice', async () => {
    const registry = new Registry(database.db);
    const again = await registry.execute(descriptor.id, (s) => decideCreateContract(s, scada, descriptor));
    expect(again).toEqual([]);
  });

  it('lets only one of two instances deciding at once win, and the other decides again on fresh state', async () => {
    const a = new Registry(database.db);
    const b = new Registry(database.db);
    await Promise.all([a.refresh(), b.refresh()]);
    const register = (registry: Registry, consumer: string) =>
      registry.execute(descriptor.id, (s) =>
        decideRegisterConsumer(s, { id: consumer, role: 'subsystem' }, descriptor.id, consumer, [1]),
      );
    await Promise.all([register(a, 'vr'), register(b, 'analytics')]);
    await a.refresh();
    const contract = a.state.contracts.get(descriptor.id)!;
    expect([...contract.consumers.keys()].sort()).toEqual(['analytics', 'vr']);
    expect(contract.streamPosition).toBe(6);
  });

  it('refuses different content for a published version, naming the version and the difference', async () => {
    const registry = new Registry(database.db);
    const changed = { ...schema, description: 'Something else.' };
    const error = await refusal(
      registry.execute(descriptor.id, (s) =>
        decideProposeVersion(
          s,
          scada,
          { contract: descriptor.id, version: '1.0.0', schema: changed },
          noBreaks,
        ),
      ),
    );
    expect(error.code).toBe('CONTRACT_VERSION_IMMUTABLE');
    expect(error.message).toContain('1.0.0');
    expect(error.details.differences).toEqual([
      { pointer: '/description', before: schema.description, after: 'Something else.' },
    ]);
  });

  it('stores its events as valid data of its own contract, hub.registry-events', async () => {
    const registrySchema = JSON.parse(
      readFileSync(
        new URL('../../../contracts/hub/registry-events/1.0.0.schema.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const recorded: RegistryEvent[] = [];
    const registry = new Registry(database.db, (events) => recorded.push(...events));
    await registry.execute('scada.alarms', (s) =>
      decideCreateContract(s, scada, { ...descriptor, id: 'scada.alarms', title: 'Alarms' }),
    );
    const validate = compileSchema(registrySchema).validate;
    expect(recorded).toHaveLength(1);
    expect(validate(JSON.parse(JSON.stringify(recorded[0])))).toEqual([]);
  });
});
