/**
 * The NATS permissions of one identity, decided from the registry: a subsystem publishes only on the
 * contracts it owns and reads only the majors it is registered to consume; an architect talks to the
 * registry; the hub's services serve all of it. Everyone may ask for catch-up pages and latest values,
 * but only under its own name (`dx.replay.<id>`, `dx.cache.get.<id>`), so the gateway knows who asks
 * and checks that the caller may read the contract. The broker enforces these; the gateway checks the
 * same rules again on every request.
 */
import { HUB_IDENTITY, SIMULATION_IDENTITY, type Identity } from '../../common/identity/identity.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import type { RegistryState } from '../../common/registry-state/index.js';
import type { SubjectPermissions } from './nats-permissions.types.js';
import { PATTERNS } from './subject-patterns.js';

export function permissionsFor(identity: Identity, state: RegistryState): SubjectPermissions {
  if (identity.role === 'architect') return architectPermissions(identity.id);
  const own = subsystemPermissions(identity.id, state);
  if (identity.id === HUB_IDENTITY) return withHubServices(own);
  if (identity.id === SIMULATION_IDENTITY) return withSimulationService(own);
  return own;
}

/** Contract ids the subsystem owns, sorted. */
export function ownedContracts(subsystem: string, state: RegistryState): string[] {
  return [...state.contracts.values()]
    .filter((c) => c.descriptor.owner === subsystem)
    .map((c) => c.descriptor.id)
    .sort();
}

/** Contracts the subsystem is registered to consume, each with its majors, sorted by contract id. */
export function consumedMajors(
  subsystem: string,
  state: RegistryState,
): { contract: string; majors: number[] }[] {
  return [...state.contracts.values()]
    .flatMap((c) => {
      const majors = c.consumers.get(subsystem);
      return majors ? [{ contract: c.descriptor.id, majors: [...majors].sort((a, b) => a - b) }] : [];
    })
    .sort((a, b) => a.contract.localeCompare(b.contract));
}

function subsystemPermissions(subsystem: string, state: RegistryState): SubjectPermissions {
  return {
    publish: {
      allow: [
        ...ownedContracts(subsystem, state).map(PATTERNS.publishOn),
        ...PATTERNS.readsAs(subsystem),
        PATTERNS.everyRegistry,
        PATTERNS.everySimulation,
      ],
      // dx.registry.* also matches the registry's own announcement, which only the hub may make.
      deny: [SUBJECTS.registryChanged],
    },
    subscribe: {
      allow: [
        ...consumedMajors(subsystem, state).flatMap(({ contract, majors }) =>
          majors.map((major) => PATTERNS.dataOf(contract, major)),
        ),
        // The store's fence and head, which subscriptions follow to read what was never published live.
        SUBJECTS.head,
        PATTERNS.inboxesOf(subsystem),
      ],
    },
    allowResponses: false,
  };
}

function architectPermissions(architect: string): SubjectPermissions {
  return {
    publish: {
      allow: [...PATTERNS.readsAs(architect), PATTERNS.everyRegistry, PATTERNS.everySimulation],
      deny: [SUBJECTS.registryChanged],
    },
    // Architects read every contract (the gateway answers their replays and latest values too), so
    // they may follow every live major; and they audit: they may keep copies of the hub's anchors.
    subscribe: {
      allow: [PATTERNS.everyData, SUBJECTS.head, SUBJECTS.auditAnchors, PATTERNS.inboxesOf(architect)],
    },
    allowResponses: false,
  };
}

/**
 * The gateway, the registry and the console connect as the hub: they serve requests, deliver data and
 * announce changes and the store's head; gateways also tell each other which latest values a commit
 * moved; the console follows live data for the people signed in to it, each of whom it lets see only
 * what they may read.
 */
function withHubServices(own: SubjectPermissions): SubjectPermissions {
  return {
    publish: {
      allow: unique([
        ...own.publish.allow,
        PATTERNS.everyData,
        SUBJECTS.registryChanged,
        SUBJECTS.cacheChanged,
        SUBJECTS.head,
        SUBJECTS.auditAnchors,
      ]),
      deny: [],
    },
    subscribe: {
      allow: unique([
        PATTERNS.everyPublish,
        ...PATTERNS.everyRead,
        SUBJECTS.cacheChanged,
        PATTERNS.everyRegistry,
        PATTERNS.everyData,
        ...own.subscribe.allow,
      ]),
    },
    allowResponses: true,
  };
}

/**
 * The simulation service connects as the simulation subsystem: besides publishing its results it
 * serves dx.sim.* (queue group dx-simulation), its instances ask each other about the sessions they
 * hold, and it follows registry changes (what it may read).
 */
function withSimulationService(own: SubjectPermissions): SubjectPermissions {
  return {
    publish: { allow: unique([...own.publish.allow, PATTERNS.simulationPeers]), deny: own.publish.deny },
    subscribe: {
      allow: unique([
        PATTERNS.everySimulation,
        PATTERNS.simulationPeers,
        SUBJECTS.registryChanged,
        ...own.subscribe.allow,
      ]),
    },
    allowResponses: true,
  };
}

function unique(subjects: string[]): string[] {
  return [...new Set(subjects)];
}
