/** Checks a contract.json descriptor field by field; returns every problem found. */
import { COMPATIBILITY_MODES, type ContractDescriptor } from './contract.types.js';
import type { ContractProblem } from './contract-problem.js';

export const CONTRACT_ID = /^[a-z0-9-]+\.[a-z0-9-]+$/;
export const SUBSYSTEM_ID = /^[a-z0-9][a-z0-9-]*$/;
const POINTER = /^(\/([^~/]|~[01])*)+$/;

export function checkDescriptor(raw: unknown, file: string, expectedId: string): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const bad = (pointer: string, code: string, message: string) =>
    problems.push({ file, pointer, code, message });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    bad('', 'DESCRIPTOR_INVALID', 'contract.json must be a JSON object');
    return problems;
  }
  const d = raw as Partial<Record<keyof ContractDescriptor, unknown>>;
  if (typeof d.id !== 'string' || !CONTRACT_ID.test(d.id)) {
    bad(
      '/id',
      'CONTRACT_ID_INVALID',
      `id must be <domain>.<name> in lowercase letters, digits and -, got ${JSON.stringify(d.id)}`,
    );
  } else if (d.id !== expectedId) {
    bad('/id', 'CONTRACT_ID_INVALID', `id ${d.id} does not match its folder (expected ${expectedId})`);
  }
  if (typeof d.owner !== 'string' || !SUBSYSTEM_ID.test(d.owner)) {
    bad(
      '/owner',
      'OWNER_MISSING',
      'owner must name the one subsystem that publishes this contract, e.g. "scada"',
    );
  }
  for (const field of ['title', 'description'] as const) {
    if (typeof d[field] !== 'string' || (d[field] as string).trim() === '') {
      bad(`/${field}`, 'DESCRIPTOR_INVALID', `${field} must be a non-empty string`);
    }
  }
  if (d.key !== null && (typeof d.key !== 'string' || !POINTER.test(d.key))) {
    bad(
      '/key',
      'DESCRIPTOR_INVALID',
      'key must be a JSON pointer into the payload (e.g. "/equipment") or null',
    );
  }
  if (
    typeof d.compatibility !== 'string' ||
    !(COMPATIBILITY_MODES as readonly string[]).includes(d.compatibility)
  ) {
    bad(
      '/compatibility',
      'DESCRIPTOR_INVALID',
      `compatibility must be one of ${COMPATIBILITY_MODES.join(', ')}`,
    );
  }
  if (!Array.isArray(d.tags) || !d.tags.every((t) => typeof t === 'string')) {
    bad('/tags', 'DESCRIPTOR_INVALID', 'tags must be an array of strings');
  }
  return problems;
}
