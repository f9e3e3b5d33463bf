/**
 * Consumers say which contracts and majors they read, and may say in which units they want fields
 * (JSON pointer to UCUM code: their subscriptions deliver them so); a subsystem registers itself, an
 * architect anyone. Units are checked at once against the contract's live versions: a unit that is not
 * UCUM, or not convertible from the field's, is refused naming both.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { requireContract } from './registry-errors.js';
import {
  LIVE_STATUSES,
  liveMajors,
  type RegistryEvent,
  type RegistryState,
} from '../../common/registry-state/index.js';
import { checkConsumerUnits, type ConsumerUnits } from '../../common/units/consumer-units.js';

export function decideRegisterConsumer(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  consumer: string,
  majors: number[],
  units: ConsumerUnits = {},
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
  const liveSchemas = contract.versions
    .filter((v) => LIVE_STATUSES.includes(v.status))
    .map((v) => v.schema)
    .reverse();
  checkConsumerUnits(units, liveSchemas, contractId);
  const current = contract.consumers.get(consumer);
  const sorted = [...new Set(majors)].sort((a, b) => a - b);
  const sameUnits = sameEntries(contract.consumerUnits.get(consumer) ?? {}, units);
  if (current && current.join() === sorted.join() && sameUnits) return [];
  return [
    {
      type: 'consumer-registered',
      contract: contractId,
      actor: actor.id,
      details: { consumer, majors: sorted, ...(Object.keys(units).length > 0 ? { units } : {}) },
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

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
