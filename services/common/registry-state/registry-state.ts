/** The registry's state, folded from its events: contracts, their versions, consumers and owners. */
import type { JsonSchema } from '../schemas/json-schema.types.js';
import type { ContractDescriptor } from './contract-descriptor.js';
import type { RecordedRegistryEvent } from './registry-event.types.js';
import { compareSemver, majorOf } from './semver.js';

export type VersionStatus = 'proposed' | 'approved' | 'rejected' | 'active' | 'deprecated' | 'retired';

export interface Transition {
  status: VersionStatus;
  by: string;
  at: string;
  comment?: string;
}

export interface VersionState {
  version: string;
  major: number;
  schema: JsonSchema;
  digest: string;
  status: VersionStatus;
  sunset?: string;
  transforms?: { up?: string; down?: string };
  history: Transition[];
}

export interface ContractState {
  descriptor: ContractDescriptor;
  /** Sorted oldest first. */
  versions: VersionState[];
  /** Consumer subsystem id to the majors it reads. */
  consumers: Map<string, number[]>;
  /** Consumer subsystem id to the units it registered for its fields (JSON pointer to UCUM code). */
  consumerUnits: Map<string, Record<string, string>>;
  pendingOwner?: { newOwner: string; by: string; at: string };
  /** Stream position of the contract's last registry event: the expected position of the next. */
  streamPosition: number;
  createdAt: string;
}

export interface RegistryState {
  contracts: Map<string, ContractState>;
  /** Global position of the last event folded in. */
  position: number;
}

export function emptyRegistry(): RegistryState {
  return { contracts: new Map(), position: 0 };
}

/** Versions a producer may publish and a consumer may read. */
export const LIVE_STATUSES: readonly VersionStatus[] = ['active', 'deprecated'];

export function applyRegistryEvent(state: RegistryState, event: RecordedRegistryEvent): void {
  state.position = Math.max(state.position, event.position);
  if (event.type === 'contract-created') {
    state.contracts.set(event.contract, {
      descriptor: event.details.descriptor,
      versions: [],
      consumers: new Map(),
      consumerUnits: new Map(),
      streamPosition: event.streamPosition,
      createdAt: event.at,
    });
    return;
  }
  const contract = state.contracts.get(event.contract);
  if (!contract) return; // an event for a contract we never saw created cannot be placed; ignore it
  contract.streamPosition = event.streamPosition;
  const transition = (status: VersionStatus) => {
    const version = contract.versions.find((v) => v.version === event.version);
    if (!version) return undefined;
    version.status = status;
    version.history.push({ status, by: event.actor, at: event.at, comment: event.comment });
    return version;
  };
  switch (event.type) {
    case 'version-proposed':
      contract.versions.push({
        version: event.version,
        major: majorOf(event.version),
        schema: schemaAsProposed(event.details),
        digest: event.details.digest,
        status: 'proposed',
        transforms: event.details.transforms,
        history: [{ status: 'proposed', by: event.actor, at: event.at, comment: event.comment }],
      });
      contract.versions.sort((a, b) => compareSemver(a.version, b.version));
      break;
    case 'version-approved':
      transition('approved');
      break;
    case 'version-rejected':
      transition('rejected');
      break;
    case 'version-activated':
      transition('active');
      break;
    case 'version-deprecated': {
      const version = transition('deprecated');
      if (version) version.sunset = event.details.sunset;
      break;
    }
    case 'version-retired':
      transition('retired');
      break;
    case 'consumer-registered':
      contract.consumers.set(
        event.details.consumer,
        [...event.details.majors].sort((a, b) => a - b),
      );
      if (event.details.units && Object.keys(event.details.units).length > 0)
        contract.consumerUnits.set(event.details.consumer, event.details.units);
      else contract.consumerUnits.delete(event.details.consumer);
      break;
    case 'consumer-unregistered':
      contract.consumers.delete(event.details.consumer);
      contract.consumerUnits.delete(event.details.consumer);
      break;
    case 'owner-change-proposed':
      contract.pendingOwner = { newOwner: event.details.newOwner, by: event.actor, at: event.at };
      break;
    case 'owner-changed':
      contract.descriptor = { ...contract.descriptor, owner: event.details.newOwner };
      contract.pendingOwner = undefined;
      break;
  }
}

export function liveVersions(contract: ContractState): VersionState[] {
  return contract.versions.filter((v) => LIVE_STATUSES.includes(v.status));
}

/** Majors that still have a live version: the ones the hub delivers to. */
export function liveMajors(contract: ContractState): number[] {
  return [...new Set(liveVersions(contract).map((v) => v.major))].sort((a, b) => a - b);
}

/** The schema with its keys in the order proposed, when the event kept it (see registry-event.types). */
function schemaAsProposed(details: { schema: JsonSchema; schemaText?: string }): JsonSchema {
  if (typeof details.schemaText !== 'string') return details.schema;
  try {
    return JSON.parse(details.schemaText) as JsonSchema;
  } catch {
    return details.schema; // not text we wrote: the jsonb copy is the same schema, in another key order
  }
}
