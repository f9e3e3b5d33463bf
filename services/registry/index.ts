/**
 * The registry's public face for other services and `dx`: reading and linting a contracts folder,
 * the compatibility checker, and the NATS authorization generated from the registry's state. The
 * registry's state itself is read through services/common/registry-state.
 */
export { checkCompatibility } from './compatibility/check-compatibility.js';
export {
  COMPATIBILITY_MODES,
  parseCompatibilityMode,
  type CompatibilityMode,
} from './compatibility/compatibility-mode.js';
export type { CompatibilityResult, SchemaChange } from './compatibility/compatibility.types.js';
export { isSchemaObject } from './compatibility/json-schema.js';
export type { ContractSource } from './contracts/contract.types.js';
export { loadContracts } from './contracts/load-contracts.js';
export { checkHistory } from './lifecycle/check-history.js';
export { lintContracts, type PublishedDigests } from './lint/lint-contracts.js';
export { natsAuthorization } from './nats-permissions/nats-authorization.js';
export { compareVersions } from './review/compare-versions.js';
export { pendingProposals, type PendingProposal } from './review/pending-proposals.js';
export { reviewCandidate, reviewVersion, type ReviewCandidate } from './review/review-evidence.js';
export type * from './review/review.types.js';
export type { ContractView, VersionView } from './api/contract-view.js';
export type { PushStep } from './api/push-contracts.js';
export { registryDisagreements, type Disagreement } from './lint/registry-disagreements.js';
