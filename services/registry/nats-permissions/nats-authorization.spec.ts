import { describe, expect, it } from '@jest/globals';
import type { DxError } from '../../common/errors/dx-error.js';
import type { NatsIdentity } from '../../common/identity/identity.types.js';
import type { ContractDescriptor } from '../contracts/contract.types.js';
import { emptyRegistry, type RegistryState } from '../../common/registry-state/index.js';
import { natsAuthorization } from './nats-authorization.js';
import { permissionsFor } from './permissions-for.js';

const HASH = '$2b$04$abcdefghijklmnopqrstuu0123456789ABCDEFGHIJKLMNOPQRSTU';

/** A registry with contracts (id, owner) and consumers (consumer to majors), as its events would leave it. */
function registry(
  contracts: { id: string; owner: string; consumers?: Record<string, number[]> }[],
): RegistryState {
  const state = emptyRegistry();
  state.position = 42;
  for (const c of contracts) {
    const descriptor: ContractDescriptor = {
      id: c.id,
      owner: c.owner,
      title: c.id,
      description: c.id,
      key: null,
      compatibility: 'BACKWARD',
      tags: [],
    };
    state.contracts.set(c.id, {
      descriptor,
      versions: [],
      consumers: new Map(Object.entries(c.consumers ?? {})),
      consumerUnits: new Map(),
      streamPosition: 1,
      createdAt: '2026-11-22T00:00:00.000Z',
    });
  }
  return state;
}

const plant = registry([
  { id: 'scada.reactor-telemetry', owner: 'scada', consumers: { vr: [1, 2], twin: [2] } },
  { id: 'scada.alarms', owner: 'scada', consumers: { vr: [1] } },
  { id: 'scada.setpoints', owner: 'twin', consumers: { scada: [1] } },
  { id: 'vr.scene-state', owner: 'vr' },
]);

const subsystem = (id: string): NatsIdentity => ({ id, role: 'subsystem', natsPasswordBcrypt: HASH });

describe('NATS permissions from the registry', () => {
  it('lets a subsystem publish only on the contracts it owns, plus registry requests and reads as itself', () => {
    expect(permissionsFor(subsystem('scada'), plant).publish.allow).toEqual([
      'dx.publish.scada.alarms',
      'dx.publish.scada.reactor-telemetry',
      'dx.replay.scada',
      'dx.cache.get.scada',
      'dx.history.scada',
      'dx.registry.*',
      'dx.sim.*',
    ]);
  });

  it('lets nobody ask for replays, latest values or history under another name', () => {
    for (const id of ['scada', 'vr', 'analytics', 'architect']) {
      const identity = id === 'architect' ? { ...subsystem(id), role: 'architect' as const } : subsystem(id);
      const reads = permissionsFor(identity, plant).publish.allow.filter(
        (s) => s.startsWith('dx.replay') || s.startsWith('dx.cache') || s.startsWith('dx.history'),
      );
      expect(reads).toEqual([`dx.replay.${id}`, `dx.cache.get.${id}`, `dx.history.${id}`]);
    }
  });

  it('lets a subsystem subscribe only to the majors it is registered to read, the store’s head and its own reply inboxes', () => {
    expect(permissionsFor(subsystem('vr'), plant).subscribe.allow).toEqual([
      'dx.data.scada.alarms.v1.>',
      'dx.data.scada.reactor-telemetry.v1.>',
      'dx.data.scada.reactor-telemetry.v2.>',
      'dx.head',
      '_INBOX.vr.>',
    ]);
    expect(permissionsFor(subsystem('analytics'), plant).subscribe.allow).toEqual([
      'dx.head',
      '_INBOX.analytics.>',
    ]);
  });

  it("gives each user inboxes of its own, which no other user's pattern covers", () => {
    const inboxes = (id: string) => permissionsFor(subsystem(id), plant).subscribe.allow.at(-1);
    expect(inboxes('architect')).toBe('_INBOX.architect.>');
    expect(inboxes('architect.e2e')).toBe('_INBOX.architect/e2e.>');
    expect(permissionsFor(subsystem('vr'), plant).subscribe.allow).not.toContain('_INBOX.>');
  });

  it('keeps subsystems and architects from announcing registry changes or answering requests', () => {
    for (const identity of [subsystem('scada'), { ...subsystem('architect'), role: 'architect' as const }]) {
      const permissions = permissionsFor(identity, plant);
      expect(permissions.publish.deny).toEqual(['dx.registry.changed']);
      expect(permissions.allowResponses).toBe(false);
    }
  });

  it('gives an architect registry and simulation requests, reads as itself, every live major, the store’s head and the anchors, and nothing else', () => {
    expect(permissionsFor({ ...subsystem('petrov'), role: 'architect' }, plant)).toEqual({
      publish: {
        allow: ['dx.replay.petrov', 'dx.cache.get.petrov', 'dx.history.petrov', 'dx.registry.*', 'dx.sim.*'],
        deny: ['dx.registry.changed'],
      },
      subscribe: { allow: ['dx.data.>', 'dx.head', 'dx.audit.anchors', '_INBOX.petrov.>'] },
      allowResponses: false,
    });
  });

  it('lets the hub serve every request, deliver and follow every contract, announce changes and the store’s head, and answer', () => {
    const hub = permissionsFor(subsystem('hub'), plant);
    expect(hub.subscribe.allow).toEqual([
      'dx.publish.>',
      'dx.replay.>',
      'dx.cache.get.>',
      'dx.history.>',
      'dx.cache.changed',
      'dx.registry.*',
      'dx.data.>',
      'dx.head',
      '_INBOX.hub.>',
    ]);
    expect(hub.publish.allow).toEqual(
      expect.arrayContaining([
        'dx.data.>',
        'dx.registry.changed',
        'dx.cache.changed',
        'dx.head',
        'dx.audit.anchors',
      ]),
    );
    expect(hub.publish.deny).toEqual([]);
    expect(hub.allowResponses).toBe(true);
  });

  it('lets the simulation service serve dx.sim.*, ask its peers and follow registry changes, besides its own rights', () => {
    const simulation = permissionsFor(subsystem('simulation'), plant);
    expect(simulation.subscribe.allow).toEqual([
      'dx.sim.*',
      'dx.sim.held.*',
      'dx.registry.changed',
      'dx.head',
      '_INBOX.simulation.>',
    ]);
    expect(simulation.publish.allow).toEqual(
      expect.arrayContaining(['dx.replay.simulation', 'dx.sim.held.*']),
    );
    expect(simulation.publish.deny).toEqual(['dx.registry.changed']);
    expect(simulation.allowResponses).toBe(true);
    expect(permissionsFor(subsystem('vr'), plant).subscribe.allow).not.toContain('dx.sim.*');
  });

  it('follows an owner change and an unregistered consumer', () => {
    const changed = registry([
      { id: 'scada.reactor-telemetry', owner: 'twin', consumers: { twin: [2] } },
      { id: 'scada.alarms', owner: 'scada', consumers: { vr: [1] } },
    ]);
    expect(permissionsFor(subsystem('scada'), changed).publish.allow).not.toContain(
      'dx.publish.scada.reactor-telemetry',
    );
    expect(permissionsFor(subsystem('twin'), changed).publish.allow).toContain(
      'dx.publish.scada.reactor-telemetry',
    );
    expect(permissionsFor(subsystem('vr'), changed).subscribe.allow).not.toContain(
      'dx.data.scada.reactor-telemetry.v1.>',
    );
  });
});

describe('the nats-server authorization block', () => {
  it('lists one user per identity, in the identities order, with its bcrypt hash and permissions', () => {
    const config = natsAuthorization(plant, [subsystem('vr'), subsystem('scada')]);
    expect(config).toContain('registry at position 42');
    expect(config.indexOf('user: "vr"')).toBeLessThan(config.indexOf('user: "scada"'));
    expect(config).toContain(`password: "${HASH}"`);
    const vr = config.slice(config.indexOf('    # vr'), config.indexOf('    # scada'));
    expect(vr).toBe(
      [
        '    # vr (subsystem); publishes vr.scene-state; reads scada.alarms v1, scada.reactor-telemetry v1 v2',
        '    {',
        '      user: "vr"',
        `      password: "${HASH}"`,
        '      permissions: {',
        '        publish: {',
        '          allow: [',
        '            "dx.publish.vr.scene-state",',
        '            "dx.replay.vr",',
        '            "dx.cache.get.vr",',
        '            "dx.history.vr",',
        '            "dx.registry.*",',
        '            "dx.sim.*"',
        '          ]',
        '          deny: [',
        '            "dx.registry.changed"',
        '          ]',
        '        }',
        '        subscribe: {',
        '          allow: [',
        '            "dx.data.scada.alarms.v1.>",',
        '            "dx.data.scada.reactor-telemetry.v1.>",',
        '            "dx.data.scada.reactor-telemetry.v2.>",',
        '            "dx.head",',
        '            "_INBOX.vr.>"',
        '          ]',
        '        }',
        '      }',
        '    },',
        '',
      ].join('\n'),
    );
  });

  it('writes the same text for the same registry, whatever order the contracts were created in', () => {
    const reversed = registry(
      [...plant.contracts.values()].reverse().map((c) => ({
        id: c.descriptor.id,
        owner: c.descriptor.owner,
        consumers: Object.fromEntries(c.consumers),
      })),
    );
    const identities = [subsystem('scada'), subsystem('vr'), subsystem('twin'), subsystem('hub')];
    expect(natsAuthorization(reversed, identities)).toBe(natsAuthorization(plant, identities));
  });

  it('refuses a name that could break out of its quotes and add rules to the config', () => {
    const error = catchError(() => natsAuthorization(plant, [subsystem('evil"\n  users = [')]));
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message).toContain('cannot be a NATS user');
  });

  it('refuses a name with a wildcard, which would let it read as every identity', () => {
    for (const id of ['*', 'scada.>', 'a..b', 'vr ']) {
      const error = catchError(() => natsAuthorization(plant, [subsystem(id)]));
      expect(error).toMatchObject({
        code: 'BAD_ARGUMENT',
        details: { field: 'id', rule: 'pattern', value: id },
      });
    }
    expect(natsAuthorization(plant, [subsystem('architect.e2e')])).toContain('"dx.replay.architect.e2e"');
  });

  it('refuses an identity listed twice', () => {
    const error = catchError(() => natsAuthorization(plant, [subsystem('vr'), subsystem('vr')]));
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message).toContain('vr is listed twice');
  });
});

function catchError(run: () => unknown): DxError {
  try {
    run();
  } catch (error) {
    return error as DxError;
  }
  throw new Error('expected an error');
}
