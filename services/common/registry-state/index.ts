/**
 * The registry's state as every service reads it: the registry's events, their fold into contracts,
 * versions, consumers and owners, and a reader that keeps the fold current. The registry writes the
 * events; the gateway, the simulation, the console and `dx` only read them through this library.
 */
export {
  COMPATIBILITY_MODES,
  type CompatibilityMode,
  type ContractDescriptor,
} from './contract-descriptor.js';
export { readRegistryEvents } from './read-registry-events.js';
export {
  REGISTRY_CONTRACT,
  REGISTRY_CONTRACT_VERSION,
  REGISTRY_PRODUCER,
  type RecordedRegistryEvent,
  type RegistryEvent,
  type RegistryEventType,
} from './registry-event.types.js';
export { RegistryReader } from './registry-reader.js';
export {
  LIVE_STATUSES,
  applyRegistryEvent,
  emptyRegistry,
  liveMajors,
  liveVersions,
  type ContractState,
  type RegistryState,
  type Transition,
  type VersionState,
  type VersionStatus,
} from './registry-state.js';
export { compareSemver, isSemver, majorOf, parseSemver, type SemVer } from './semver.js';
