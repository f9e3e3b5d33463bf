/**
 * Pushing a contracts folder: create each contract, propose each version it does not have yet. The
 * whole push is decided first against a copy of the state, so a push with any problem stores nothing
 * and reports every problem at once.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ContractSource } from '../contracts/contract.types.js';
import {
  applyRegistryEvent,
  parseSemver,
  type ContractState,
  type RegistryState,
  type VersionStatus,
} from '../../common/registry-state/index.js';
import { reviewVersion } from '../review/review-evidence.js';
import type { ReviewEvidence } from '../review/review.types.js';
import type { CheckHistory } from '../lifecycle/compatibility-check.types.js';
import { decideCreateContract } from '../lifecycle/create-contract.js';
import { decideProposeVersion } from '../lifecycle/propose-version.js';
import type { Decision, Registry } from '../lifecycle/registry.js';

export interface PushStep {
  contract: string;
  version?: string;
  /** `rejected`: the version is already recorded, and an architect rejected it. */
  outcome: 'created' | 'proposed' | 'unchanged' | 'rejected' | 'skipped';
  /** The version's status in the registry after the push. */
  status?: VersionStatus;
  /** Why a contract was skipped (it belongs to another subsystem), or why a version was rejected. */
  reason?: string;
  /** For a version proposed now: what its reviewers will see of it. */
  evidence?: Pick<ReviewEvidence, 'compatibility' | 'documentation' | 'transforms'>;
}

interface PlannedDecision {
  contract: string;
  version?: string;
  decide: Decision;
}

export async function pushContracts(
  registry: Registry,
  actor: Identity,
  sources: ContractSource[],
  checkHistory: CheckHistory,
): Promise<PushStep[]> {
  await registry.refresh();
  // Each subsystem pushes its own contracts from the shared folder; the others are not its to push.
  const ownerOf = (source: ContractSource) =>
    registry.state.contracts.get(source.descriptor.id)?.descriptor.owner ?? source.descriptor.owner;
  const mine = sources.filter((s) => actor.role === 'architect' || ownerOf(s) === actor.id);
  const steps: PushStep[] = sources
    .filter((s) => !mine.includes(s))
    .map((s) => ({ contract: s.descriptor.id, outcome: 'skipped', reason: `owned by ${ownerOf(s)}` }));
  const plan = planPush(actor, mine, checkHistory);
  rehearse(registry.state, plan);
  for (const step of plan) {
    const events = await registry.execute(step.contract, step.decide);
    const contract = registry.state.contracts.get(step.contract)!;
    if (!step.version)
      steps.push({ contract: step.contract, outcome: events.length ? 'created' : 'unchanged' });
    else steps.push(versionStep(contract, step.version, events.length > 0));
  }
  return steps;
}

function versionStep(contract: ContractState, version: string, proposed: boolean): PushStep {
  const recorded = contract.versions.find((v) => v.version === version)!;
  const step = { contract: contract.descriptor.id, version, status: recorded.status };
  if (proposed) {
    const { compatibility, documentation, transforms } = reviewVersion(contract, version);
    return { ...step, outcome: 'proposed', evidence: { compatibility, documentation, transforms } };
  }
  if (recorded.status === 'rejected') {
    const rejection = recorded.history.findLast((t) => t.status === 'rejected');
    const reason = rejection
      ? `rejected by ${rejection.by} at ${rejection.at}${rejection.comment ? `: ${rejection.comment}` : ''}`
      : undefined;
    return { ...step, outcome: 'rejected', ...(reason ? { reason } : {}) };
  }
  return { ...step, outcome: 'unchanged' };
}

function planPush(actor: Identity, sources: ContractSource[], checkHistory: CheckHistory): PlannedDecision[] {
  const plan: PlannedDecision[] = [];
  for (const source of sources) {
    const id = source.descriptor.id;
    plan.push({ contract: id, decide: (s) => decideCreateContract(s, actor, source.descriptor) });
    for (const { version, schema } of source.versions) {
      const semver = parseSemver(version);
      const first = semver && semver.minor === 0 && semver.patch === 0;
      const transforms = first ? source.transforms.find((t) => t.major === semver.major) : undefined;
      const proposal = {
        contract: id,
        version,
        schema,
        ...(transforms && (transforms.up || transforms.down)
          ? { transforms: { up: transforms.up, down: transforms.down } }
          : {}),
      };
      plan.push({
        contract: id,
        version,
        decide: (s) => decideProposeVersion(s, actor, proposal, checkHistory),
      });
    }
  }
  return plan;
}

/** Runs every decision against a copy of the state; throws once with every problem found. */
function rehearse(state: RegistryState, plan: PlannedDecision[]): void {
  const copy = structuredClone(state);
  const problems: { contract: string; version?: string; code: string; message: string; details: unknown }[] =
    [];
  let position = copy.position;
  for (const step of plan) {
    try {
      for (const event of step.decide(copy)) {
        const streamPosition = (copy.contracts.get(event.contract)?.streamPosition ?? 0) + 1;
        applyRegistryEvent(copy, {
          ...event,
          at: new Date().toISOString(),
          position: ++position,
          streamPosition,
        });
      }
    } catch (error) {
      if (!(error instanceof DxError)) throw error;
      problems.push({
        contract: step.contract,
        version: step.version,
        code: error.code,
        message: error.message,
        details: error.details,
      });
    }
  }
  if (problems.length === 1) {
    const only = problems[0]!;
    throw new DxError(
      only.code as DxError['code'],
      `push refused, nothing stored: ${only.message}`,
      only.details as Record<string, unknown>,
    );
  }
  if (problems.length > 1) {
    throw new DxError(
      'CONTRACT_INVALID',
      `push refused, nothing stored: ${problems.map((p) => p.message).join('; ')}`,
      { problems },
    );
  }
}
