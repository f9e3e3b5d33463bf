/**
 * Pushing a contracts folder: create each contract, propose each version it does not have yet. The
 * whole push is decided first against a copy of the state, so a push with any problem stores nothing
 * and reports every problem at once.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ContractSource } from '../contracts/contract.types.js';
import { parseSemver } from '../contracts/semver.js';
import type { CheckHistory } from '../lifecycle/compatibility-check.types.js';
import { decideCreateContract } from '../lifecycle/create-contract.js';
import { decideProposeVersion } from '../lifecycle/propose-version.js';
import type { Decision, Registry } from '../lifecycle/registry.js';
import { applyRegistryEvent, type RegistryState } from '../lifecycle/registry-state.js';

export interface PushStep {
  contract: string;
  version?: string;
  outcome: 'created' | 'proposed' | 'unchanged' | 'skipped';
  /** Why a contract was skipped: it belongs to another subsystem. */
  reason?: string;
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
    const outcome = events.length === 0 ? 'unchanged' : step.version ? 'proposed' : 'created';
    steps.push({ contract: step.contract, version: step.version, outcome });
  }
  return steps;
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
