/**
 * Deciding a proposal: only the owner proposes; a published version never changes; the schema must
 * compile, document itself, and stay compatible (in the contract's mode) with the versions before it
 * in its major. Returns the events to record, or none when the same version is proposed again.
 */
import jsonata from 'jsonata';
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { compileSchema } from '../../common/schemas/compile-schema.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import {
  compareSemver,
  parseSemver,
  type RegistryEvent,
  type RegistryState,
} from '../../common/registry-state/index.js';
import { checkDocumentation } from '../documentation/check-documentation.js';
import type { CheckHistory } from './compatibility-check.types.js';
import { jsonDifferences } from './json-difference.js';
import { requireContract, requireOwner } from './registry-errors.js';
import { schemaDigest } from './schema-digest.js';

export interface Proposal {
  contract: string;
  version: string;
  schema: JsonSchema;
  transforms?: { up?: string; down?: string };
  comment?: string;
}

export function decideProposeVersion(
  state: RegistryState,
  actor: Identity,
  proposal: Proposal,
  checkHistory: CheckHistory,
): RegistryEvent[] {
  const contract = requireContract(state, proposal.contract);
  const id = contract.descriptor.id;
  const semver = parseSemver(proposal.version);
  if (!semver) {
    throw new DxError(
      'VERSION_INVALID',
      `${proposal.version} is not a semantic version (MAJOR.MINOR.PATCH)`,
      {
        contract: id,
        version: proposal.version,
      },
    );
  }
  const digest = schemaDigest(proposal.schema);
  const existing = contract.versions.find((v) => v.version === proposal.version);
  if (existing) {
    if (existing.digest === digest) return [];
    const differences = jsonDifferences(existing.schema, proposal.schema);
    throw new DxError(
      'CONTRACT_VERSION_IMMUTABLE',
      `${id} ${proposal.version} is already published and can never change ` +
        `(${differences.length} difference(s), first at ${differences[0]?.pointer || '/'}); publish a new version instead`,
      { contract: id, version: proposal.version, differences },
    );
  }
  requireOwner(contract, actor, 'propose versions');

  compileSchema(proposal.schema, `${id} ${proposal.version}`);
  const gaps = checkDocumentation(proposal.schema);
  if (gaps.length > 0) {
    throw new DxError(
      'DOCUMENTATION_INCOMPLETE',
      `${id} ${proposal.version} does not document itself: ${gaps.length} item(s) missing, e.g. ${gaps[0]!.message}`,
      { contract: id, version: proposal.version, gaps },
    );
  }

  const sameMajor = contract.versions.filter((v) => v.major === semver.major && v.status !== 'rejected');
  const newest = sameMajor.at(-1);
  if (newest && compareSemver(proposal.version, newest.version) < 0) {
    throw new DxError(
      'VERSION_INVALID',
      `${proposal.version} must be newer than ${newest.version}, the newest of major ${semver.major}`,
      {
        contract: id,
        version: proposal.version,
        newest: newest.version,
      },
    );
  }
  const failures = checkHistory(
    sameMajor.map((v) => v.schema),
    proposal.schema,
    contract.descriptor.compatibility,
  );
  if (failures.length > 0) {
    const nextMajor = `${Math.max(...contract.versions.map((v) => v.major)) + 1}.0.0`;
    const against = failures.map((f) => ({
      version: sameMajor[f.index]!.version,
      changes: f.changes.filter((c) => c.breaking),
    }));
    const first = against[0]!;
    throw new DxError(
      'COMPATIBILITY_BROKEN',
      `${id} ${proposal.version} breaks ${contract.descriptor.compatibility} compatibility with ${first.version} ` +
        `(${first.changes.map((c) => `${c.type} at ${c.path}`).join(', ')}); a breaking change needs a new major: ${nextMajor}`,
      {
        contract: id,
        version: proposal.version,
        mode: contract.descriptor.compatibility,
        against,
        nextMajor,
      },
    );
  }

  checkTransforms(id, proposal);
  return [
    {
      type: 'version-proposed',
      contract: id,
      version: proposal.version,
      actor: actor.id,
      comment: proposal.comment,
      details: {
        schema: proposal.schema,
        schemaText: JSON.stringify(proposal.schema),
        digest,
        ...(proposal.transforms ? { transforms: proposal.transforms } : {}),
      },
    },
  ];
}

function checkTransforms(id: string, proposal: Proposal): void {
  if (!proposal.transforms) return;
  const semver = parseSemver(proposal.version)!;
  if (semver.minor !== 0 || semver.patch !== 0 || semver.major < 1) {
    throw new DxError(
      'CONTRACT_INVALID',
      `transforms belong to the first version of a major (${semver.major}.0.0), not ${proposal.version}`,
      {
        contract: id,
        version: proposal.version,
      },
    );
  }
  for (const direction of ['up', 'down'] as const) {
    const expression = proposal.transforms[direction];
    if (expression === undefined) continue;
    try {
      jsonata(expression);
    } catch (error) {
      throw new DxError(
        'CONTRACT_INVALID',
        `${semver.major}.${direction}.jsonata of ${id} does not parse: ${(error as Error).message}`,
        {
          contract: id,
          transform: `${semver.major}.${direction}.jsonata`,
        },
      );
    }
  }
}
