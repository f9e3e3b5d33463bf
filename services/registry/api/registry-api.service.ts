/**
 * The registry's operations as its HTTP and NATS front ends call them: each takes the caller's
 * identity where it changes something, decides against fresh state and answers with plain JSON.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Identity } from '../../common/identity/identity.types.js';
import { buildAsyncApi } from '../asyncapi/build-asyncapi.js';
import type { ContractSource } from '../contracts/contract.types.js';
import { renderReference } from '../docs/render-reference.js';
import { decideApproveOwner, decideProposeOwner } from '../lifecycle/change-owner.js';
import type { CheckHistory } from '../lifecycle/compatibility-check.types.js';
import { decideProposeVersion, type Proposal } from '../lifecycle/propose-version.js';
import { decideRegisterConsumer, decideUnregisterConsumer } from '../lifecycle/register-consumer.js';
import type { ConsumerUnits } from '../../common/units/consumer-units.js';
import { requireContract, requireVersion } from '../lifecycle/registry-errors.js';
import type { RegistryEvent } from '../../common/registry-state/index.js';
import { Registry } from '../lifecycle/registry.js';
import {
  canRetireMajor,
  decideDeprecate,
  decideRetire,
  type RetirementAnswer,
} from '../lifecycle/retire-version.js';
import { decideApprove, decideReject } from '../lifecycle/review-version.js';
import { compareVersions } from '../review/compare-versions.js';
import { pendingProposals, type PendingProposal } from '../review/pending-proposals.js';
import { reviewCandidate, reviewVersion, type ReviewCandidate } from '../review/review-evidence.js';
import type { ReviewEvidence, VersionComparison } from '../review/review.types.js';
import { contractView, publishedContract, type ContractView } from './contract-view.js';
import { pushContracts, type PushStep } from './push-contracts.js';
import { CHECK_HISTORY, REGISTRY, REGISTRY_SETTINGS, type RegistrySettings } from './registry.tokens.js';

export interface Recorded {
  recorded: RegistryEvent['type'][];
  contract: ContractView;
}

/** A proposal's answer: what was recorded, and the evidence its reviewers will see. */
export interface Proposed extends Recorded {
  review: ReviewEvidence;
}

@Injectable()
export class RegistryApiService {
  constructor(
    @Inject(REGISTRY) private readonly registry: Registry,
    @Inject(CHECK_HISTORY) private readonly checkHistory: CheckHistory,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  async list(): Promise<ContractView[]> {
    await this.registry.refresh();
    return [...this.registry.state.contracts.values()]
      .map(contractView)
      .sort((a, b) => a.descriptor.id.localeCompare(b.descriptor.id));
  }

  async get(id: string): Promise<ContractView> {
    await this.registry.refresh();
    return contractView(requireContract(this.registry.state, id));
  }

  async schema(id: string, version: string): Promise<unknown> {
    await this.registry.refresh();
    return requireVersion(requireContract(this.registry.state, id), version).schema;
  }

  push(actor: Identity, sources: ContractSource[]): Promise<PushStep[]> {
    return pushContracts(this.registry, actor, sources, this.checkHistory);
  }

  async propose(actor: Identity, proposal: Proposal): Promise<Proposed> {
    const recorded = await this.record(proposal.contract, (s) =>
      decideProposeVersion(s, actor, proposal, this.checkHistory),
    );
    const contract = requireContract(this.registry.state, proposal.contract);
    return { ...recorded, review: reviewVersion(contract, proposal.version) };
  }

  async review(id: string, version: string): Promise<ReviewEvidence> {
    await this.registry.refresh();
    return reviewVersion(requireContract(this.registry.state, id), version);
  }

  async preview(id: string, candidate: ReviewCandidate): Promise<ReviewEvidence> {
    await this.registry.refresh();
    return reviewCandidate(requireContract(this.registry.state, id), candidate);
  }

  async diff(id: string, from: string, to: string): Promise<VersionComparison> {
    await this.registry.refresh();
    return compareVersions(requireContract(this.registry.state, id), from, to);
  }

  async proposals(): Promise<PendingProposal[]> {
    await this.registry.refresh();
    return pendingProposals(this.registry.state);
  }

  approve(actor: Identity, id: string, version: string, comment?: string): Promise<Recorded> {
    return this.record(id, (s) => decideApprove(s, actor, id, version, comment));
  }

  reject(actor: Identity, id: string, version: string, comment?: string): Promise<Recorded> {
    return this.record(id, (s) => decideReject(s, actor, id, version, comment));
  }

  deprecate(
    actor: Identity,
    id: string,
    version: string,
    sunset: string,
    comment?: string,
  ): Promise<Recorded> {
    return this.record(id, (s) => decideDeprecate(s, actor, id, version, sunset, comment));
  }

  retire(actor: Identity, id: string, version: string, comment?: string): Promise<Recorded> {
    return this.record(id, (s) => decideRetire(s, actor, id, version, comment));
  }

  registerConsumer(
    actor: Identity,
    id: string,
    consumer: string,
    majors: number[],
    units?: ConsumerUnits,
  ): Promise<Recorded> {
    return this.record(id, (s) => decideRegisterConsumer(s, actor, id, consumer, majors, units));
  }

  unregisterConsumer(actor: Identity, id: string, consumer: string): Promise<Recorded> {
    return this.record(id, (s) => decideUnregisterConsumer(s, actor, id, consumer));
  }

  proposeOwner(actor: Identity, id: string, newOwner: string, comment?: string): Promise<Recorded> {
    return this.record(id, (s) => decideProposeOwner(s, actor, id, newOwner, comment));
  }

  approveOwner(actor: Identity, id: string, comment?: string): Promise<Recorded> {
    return this.record(id, (s) => decideApproveOwner(s, actor, id, comment));
  }

  async canRetire(id: string, major: number): Promise<RetirementAnswer> {
    await this.registry.refresh();
    return canRetireMajor(this.registry.state, id, major);
  }

  async asyncApi(): Promise<Record<string, unknown>> {
    await this.registry.refresh();
    return buildAsyncApi(this.published(), { host: this.settings.natsHost });
  }

  async reference(): Promise<string> {
    await this.registry.refresh();
    return renderReference(this.published(), new Date());
  }

  private published() {
    return [...this.registry.state.contracts.values()]
      .map(publishedContract)
      .filter((c) => c.versions.length > 0);
  }

  private async record(id: string, decide: (state: Registry['state']) => RegistryEvent[]): Promise<Recorded> {
    const events = await this.registry.execute(id, decide);
    return {
      recorded: events.map((e) => e.type),
      contract: contractView(requireContract(this.registry.state, id)),
    };
  }
}
