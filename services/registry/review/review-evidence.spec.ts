import { describe, expect, it } from '@jest/globals';
import {
  applyRegistryEvent,
  emptyRegistry,
  type ContractState,
  type RegistryEvent,
} from '../../common/registry-state/index.js';
import type { SchemaObject } from '../../common/schemas/json-schema.types.js';
import { compareVersions } from './compare-versions.js';
import { pendingProposals } from './pending-proposals.js';
import { reviewCandidate, reviewVersion } from './review-evidence.js';

const ID = 'scada.pump-telemetry';

/** A documented pump reading; `extra` adds properties, `required` replaces the required list. */
function pump(extra: Record<string, unknown> = {}, required = ['pump']): SchemaObject {
  return {
    title: 'Pump telemetry',
    description: 'One sample of a pump.',
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      pump: { type: 'string', description: 'Pump tag.' },
      speed: { type: 'number', description: 'Shaft speed.', 'x-unit': '{rev}/min', maximum: 4000 },
      ...extra,
    },
    examples: [{ pump: 'P101', speed: 2950 }],
  };
}

const vibration = { type: 'number', description: 'Bearing vibration.', 'x-unit': 'mm/s' };

type Step =
  | ['propose', string, SchemaObject, { up?: string; down?: string }?]
  | ['approve' | 'reject', string, string?]
  | ['consume', string, number[]];

/** A contract folded from events, as the registry would have recorded them. */
function contractAfter(...steps: Step[]): ContractState {
  const state = emptyRegistry();
  let position = 0;
  const apply = (event: RegistryEvent) =>
    applyRegistryEvent(state, {
      ...event,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString(),
      position: ++position,
      streamPosition: position,
    });
  apply({
    type: 'contract-created',
    contract: ID,
    actor: 'scada',
    details: {
      descriptor: {
        id: ID,
        owner: 'scada',
        title: 'Pump telemetry',
        description: 'Pumps.',
        key: '/pump',
        compatibility: 'BACKWARD',
        tags: [],
      },
    },
  });
  for (const step of steps) {
    if (step[0] === 'propose') {
      const [, version, schema, transforms] = step;
      apply({
        type: 'version-proposed',
        contract: ID,
        version,
        actor: 'scada',
        comment: `proposes ${version}`,
        details: { schema, digest: `digest-${version}`, ...(transforms ? { transforms } : {}) },
      });
    } else if (step[0] === 'consume') {
      apply({
        type: 'consumer-registered',
        contract: ID,
        actor: step[1],
        details: { consumer: step[1], majors: step[2] },
      });
    } else if (step[0] === 'approve') {
      apply({ type: 'version-approved', contract: ID, version: step[1], actor: 'architect', details: {} });
      apply({ type: 'version-activated', contract: ID, version: step[1], actor: 'architect', details: {} });
    } else {
      apply({
        type: 'version-rejected',
        contract: ID,
        version: step[1],
        actor: 'architect',
        comment: step[2],
        details: {},
      });
    }
  }
  return state.contracts.get(ID)!;
}

describe('reviewVersion', () => {
  it('shows a proposed minor version against the active one before it, with every change and its verdict', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['propose', '1.1.0', pump({ vibration })],
    );
    const review = reviewVersion(contract, '1.1.0');
    expect(review.version).toMatchObject({ version: '1.1.0', status: 'proposed', proposedBy: 'scada' });
    expect(review.previous).toEqual({ version: '1.0.0', status: 'active' });
    expect(review.diff).toMatchObject({ from: '1.0.0', to: '1.1.0' });
    expect(review.diff.entries).toEqual([
      { pointer: '/properties/vibration', op: 'added', after: vibration },
    ]);
    expect(review.compatibility).toMatchObject({
      mode: 'BACKWARD',
      enforced: true,
      compatible: true,
      against: '1.0.0',
      checked: ['1.0.0'],
      failures: [],
    });
    expect(review.compatibility.changes).toEqual([
      {
        type: 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
        pointer: '/properties/vibration',
        breaking: false,
      },
    ]);
    expect(review.documentation).toEqual({ complete: true, gaps: [] });
  });

  it('marks a breaking change at its pointer and names the version it breaks', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['propose', '1.1.0', pump({ vibration }, ['pump', 'vibration'])],
    );
    const { compatibility } = reviewVersion(contract, '1.1.0');
    expect(compatibility.compatible).toBe(false);
    expect(compatibility.failures).toEqual([
      {
        version: '1.0.0',
        changes: [
          { type: 'REQUIRED_ATTRIBUTE_ADDED', pointer: '/properties/vibration', breaking: true },
          {
            type: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
            pointer: '/properties/vibration',
            breaking: true,
          },
        ],
      },
    ]);
  });

  it('compares a new major with the live major before it, without enforcing the mode', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['propose', '2.0.0', pump({ vibration }, ['pump', 'vibration'])],
    );
    const review = reviewVersion(contract, '2.0.0');
    expect(review.previous).toEqual({ version: '1.0.0', status: 'active' });
    expect(review.compatibility).toMatchObject({
      enforced: false,
      compatible: true,
      checked: [],
      failures: [],
    });
    expect(review.compatibility.changes.some((c) => c.breaking)).toBe(true);
  });

  it('warns that consumers of the previous major receive nothing when a new major has no down transform', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['consume', 'vr', [1]],
      ['consume', 'twin', [1, 2]],
      ['propose', '2.0.0', pump({ vibration }), { up: '$' }],
    );
    const review = reviewVersion(contract, '2.0.0');
    expect(review.transforms).toEqual({
      up: '$',
      previousLiveMajor: 1,
      fromPrevious: true,
      toPrevious: false,
      warnings: [
        'no 2.down transform: consumers of major 1 (vr) will receive nothing published with major 2',
      ],
    });
    expect(review.consumers).toEqual([
      {
        consumer: 'twin',
        majors: [1, 2],
        receives: [
          { major: 1, how: 'nothing' },
          { major: 2, how: 'as-is' },
        ],
      },
      { consumer: 'vr', majors: [1], receives: [{ major: 1, how: 'nothing' }] },
    ]);
  });

  it('says consumers of the previous major get converted data when the new major brings a down transform', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['consume', 'vr', [1]],
      ['propose', '2.0.0', pump({ vibration }), { up: '$', down: '$' }],
    );
    const review = reviewVersion(contract, '2.0.0');
    expect(review.transforms.warnings).toEqual([]);
    expect(review.consumers).toEqual([
      { consumer: 'vr', majors: [1], receives: [{ major: 1, how: 'converted' }] },
    ]);
  });

  it('gives no transform warnings for a later minor of a major', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['propose', '2.0.0', pump()],
      ['approve', '2.0.0'],
      ['propose', '2.1.0', pump({ vibration })],
    );
    expect(reviewVersion(contract, '2.1.0').transforms.warnings).toEqual([]);
  });

  it('skips rejected versions when it picks the version to compare with', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['propose', '1.1.0', pump({ vibration })],
      ['reject', '1.1.0', 'no'],
      ['propose', '1.2.0', pump({ vibration })],
    );
    expect(reviewVersion(contract, '1.2.0').previous).toEqual({ version: '1.0.0', status: 'active' });
  });

  it('shows a first version whole, with nothing to compare it with', () => {
    const review = reviewVersion(contractAfter(['propose', '1.0.0', pump()]), '1.0.0');
    expect(review.previous).toBeNull();
    expect(review.diff.entries).toEqual([{ pointer: '', op: 'added', after: pump() }]);
    expect(review.compatibility).toMatchObject({ enforced: false, against: null, changes: [] });
  });

  it('refuses a version the contract does not have', () => {
    expect(() => reviewVersion(contractAfter(), '9.9.9')).toThrow(
      expect.objectContaining({ code: 'VERSION_NOT_FOUND' }),
    );
  });
});

describe('reviewCandidate', () => {
  it('reports every documentation gap of a schema before it is proposed', () => {
    const contract = contractAfter(['propose', '1.0.0', pump()], ['approve', '1.0.0']);
    const review = reviewCandidate(contract, {
      version: '1.1.0',
      schema: pump({ vibration: { type: 'number' } }),
    });
    expect(review.version.status).toBe('candidate');
    expect(review.documentation.complete).toBe(false);
    expect(review.documentation.gaps.map((g) => [g.pointer, g.rule])).toEqual([
      ['/properties/vibration', 'description'],
      ['/properties/vibration', 'x-unit'],
    ]);
  });

  it('refuses a version that is not a semantic version', () => {
    expect(() => reviewCandidate(contractAfter(), { version: 'v2', schema: pump() })).toThrow(
      expect.objectContaining({ code: 'VERSION_INVALID' }),
    );
  });

  it('refuses a schema that does not compile', () => {
    expect(() => reviewCandidate(contractAfter(), { version: '1.0.0', schema: { type: 'whole' } })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_INVALID' }),
    );
  });
});

describe('compareVersions', () => {
  const contract = contractAfter(
    ['propose', '1.0.0', pump()],
    ['approve', '1.0.0'],
    ['propose', '1.1.0', pump({ vibration })],
    ['propose', '2.0.0', pump({}, ['pump', 'speed'])],
  );

  it('compares any two versions of a major with a verdict, in either order', () => {
    const backwards = compareVersions(contract, '1.1.0', '1.0.0');
    expect(backwards.diff.entries).toEqual([
      { pointer: '/properties/vibration', op: 'removed', before: vibration },
    ]);
    expect(backwards.compatibility).toMatchObject({ enforced: true, compatible: false, checked: ['1.1.0'] });
  });

  it('lists the changes across majors without enforcing the mode', () => {
    const across = compareVersions(contract, '1.0.0', '2.0.0');
    expect(across.compatibility.enforced).toBe(false);
    expect(across.compatibility.changes.map((c) => c.type)).toEqual(['REQUIRED_ATTRIBUTE_ADDED']);
  });

  it('refuses to compare a version with itself', () => {
    expect(() => compareVersions(contract, '1.0.0', '1.0.0')).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }),
    );
  });
});

describe('pendingProposals', () => {
  it('lists the proposed versions waiting for review, oldest first', () => {
    const contract = contractAfter(
      ['propose', '1.0.0', pump()],
      ['approve', '1.0.0'],
      ['propose', '1.1.0', pump({ vibration })],
      ['propose', '2.0.0', pump()],
    );
    const state = emptyRegistry();
    state.contracts.set(ID, contract);
    expect(pendingProposals(state).map((p) => [p.contract, p.version, p.proposedBy, p.comment])).toEqual([
      [ID, '1.1.0', 'scada', 'proposes 1.1.0'],
      [ID, '2.0.0', 'scada', 'proposes 2.0.0'],
    ]);
  });
});
