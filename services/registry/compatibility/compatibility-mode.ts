/**
 * The compatibility modes of a contract, as in Confluent Schema Registry, and the directions each
 * one checks. BACKWARD: a reader with the new schema reads data written with the old one. FORWARD:
 * a reader with the old schema reads data written with the new one. FULL: both. NONE: nothing.
 * The _TRANSITIVE variants check against every earlier version instead of only the latest.
 */
import { DxError } from '../../common/errors/dx-error.js';
import { COMPATIBILITY_MODES, type CompatibilityMode } from '../../common/registry-state/index.js';

export { COMPATIBILITY_MODES, type CompatibilityMode };

/** backward: the old schema writes and the new one reads; forward: the new one writes, the old reads. */
export type Direction = 'backward' | 'forward';

/** Reads a mode name, in any letter case; an unknown one is a BAD_ARGUMENT naming the known ones. */
export function parseCompatibilityMode(value: unknown): CompatibilityMode {
  const mode = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  const known = COMPATIBILITY_MODES.find((candidate) => candidate === mode);
  if (known === undefined) {
    throw new DxError(
      'BAD_ARGUMENT',
      `unknown compatibility mode ${JSON.stringify(value)}: expected one of ${COMPATIBILITY_MODES.join(', ')}`,
      { field: 'mode', expected: COMPATIBILITY_MODES, actual: value },
    );
  }
  return known;
}

export function directionsOf(mode: CompatibilityMode): Direction[] {
  if (mode === 'NONE') return [];
  if (mode.startsWith('BACKWARD')) return ['backward'];
  if (mode.startsWith('FORWARD')) return ['forward'];
  return ['backward', 'forward'];
}

export function isTransitive(mode: CompatibilityMode): boolean {
  return mode.endsWith('_TRANSITIVE');
}
