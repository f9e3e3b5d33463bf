/**
 * reviewEvidence(contract, version): everything an architect reviews a version on, in one answer
 * (see review.types.ts). The HTTP API, NATS, `dx` and the console all get it from here. A candidate
 * (a schema not recorded yet) is reviewed the same way, so an owner sees the evidence before proposing.
 */
import { DxError } from '../../common/errors/dx-error.js';
import { parseSemver, type ContractState } from '../../common/registry-state/index.js';
import { compileSchema } from '../../common/schemas/compile-schema.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import { checkDocumentation } from '../documentation/check-documentation.js';
import { requireVersion } from '../lifecycle/registry-errors.js';
import { schemaDigest } from '../lifecycle/schema-digest.js';
import { affectedConsumers } from './affected-consumers.js';
import { compatibilityReport } from './compatibility-report.js';
import { earlierInMajor, previousVersion } from './previous-version.js';
import type { ReviewEvidence, ReviewedVersion } from './review.types.js';
import { diffSchemas } from './schema-diff.js';
import { transformsReport } from './transforms-report.js';

export interface ReviewCandidate {
  version: string;
  schema: JsonSchema;
  transforms?: { up?: string; down?: string };
}

/** The evidence of a recorded version, whatever its status. */
export function reviewVersion(contract: ContractState, version: string): ReviewEvidence {
  const recorded = requireVersion(contract, version);
  const proposal = recorded.history[0];
  return evidence(contract, recorded, {
    version: recorded.version,
    major: recorded.major,
    status: recorded.status,
    digest: recorded.digest,
    ...(proposal ? { proposedBy: proposal.by, proposedAt: proposal.at } : {}),
    ...(proposal?.comment ? { comment: proposal.comment } : {}),
    history: recorded.history,
  });
}

/** The evidence of a schema not recorded yet, as if it were proposed now. */
export function reviewCandidate(contract: ContractState, candidate: ReviewCandidate): ReviewEvidence {
  const semver = parseSemver(candidate.version);
  if (!semver) {
    throw new DxError(
      'VERSION_INVALID',
      `${candidate.version} is not a semantic version (MAJOR.MINOR.PATCH)`,
      {
        contract: contract.descriptor.id,
        version: candidate.version,
      },
    );
  }
  compileSchema(candidate.schema, `${contract.descriptor.id} ${candidate.version}`);
  const digest = schemaDigest(candidate.schema);
  const recorded = contract.versions.find((v) => v.version === candidate.version);
  if (recorded?.digest === digest) return reviewVersion(contract, candidate.version);
  return evidence(contract, candidate, {
    version: candidate.version,
    major: semver.major,
    status: 'candidate',
    digest,
    history: [],
  });
}

function evidence(
  contract: ContractState,
  subject: ReviewCandidate,
  version: ReviewedVersion,
): ReviewEvidence {
  const { descriptor } = contract;
  const previous = previousVersion(contract, subject.version);
  const history = earlierInMajor(contract, subject.version);
  const documentation = checkDocumentation(subject.schema);
  return {
    contract: {
      id: descriptor.id,
      owner: descriptor.owner,
      title: descriptor.title,
      compatibility: descriptor.compatibility,
    },
    version,
    previous: previous ? { version: previous.version, status: previous.status } : null,
    diff: {
      from: previous?.version ?? null,
      to: subject.version,
      before: previous?.schema ?? null,
      after: subject.schema,
      entries: diffSchemas(previous?.schema, subject.schema),
    },
    compatibility: compatibilityReport({
      mode: descriptor.compatibility,
      schema: subject.schema,
      previous,
      history,
    }),
    documentation: { complete: documentation.length === 0, gaps: documentation },
    transforms: transformsReport(contract, version.major, history.length === 0, subject),
    consumers: affectedConsumers(contract, version.major, subject),
  };
}
