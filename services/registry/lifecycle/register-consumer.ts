/** Consumers say which contracts and majors they read; a subsystem registers itself, an architect anyone. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { requireContract } from './registry-errors.js';
import type { RegistryEvent } from './registry-event.types.js';
import { liveMajors, type RegistryState } from './registry-state.js';

export function decideRegisterConsumer(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  consumer: string,
  majors: number[],
): RegistryEvent[] {
  requireSelfOrArchitect(actor, consumer);
  const contract = requireContract(state, contractId);
  const live = liveMajors(contract);
  const unknown = majors.filter((m) => !live.includes(m));
  if (majors.length === 0 || unknown.length > 0) {
    throw new DxError(
      'VERSION_NOT_FOUND',
      majors.length === 0
        ? 'name at least one major to consume'
        : `${contractId} has no live major ${unknown.join(', ')} (live: ${live.join(', ') || 'none'})`,
      { contract: contractId, majors, live },
    );
  }
  const current = contract.consumers.get(consumer);
  const sorted = [...new Set(majors)].sort((a, b) => a - b);
  if (current && current.join() === sorted.join()) return [];
  return [
    {
      type: 'consumer-registered',
      contract: contractId,
      actor: actor.id,
      details: { consumer, majors: sorted },
    },
  ];
}

export function decideUnregisterConsumer(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  consumer: string,
): RegistryEvent[] {
  requireSelfOrArchitect(actor, consumer);
  const contract = requireContract(state, contractId);
  if (!contract.consumers.has(consumer)) return [];
  return [{ type: 'consumer-unregistered', contract: contractId, actor: actor.id, details: { consumer } }];
}

function requireSelfOrArchitect(actor: Identity, consumer: string): void {
  if (actor.role !== 'architect' && actor.id !== consumer) {
    throw new DxError('FORBIDDEN', `${actor.id} may register only itself as a consumer, not ${consumer}`, {
      actor: actor.id,
      consumer,
    });
  }
}
