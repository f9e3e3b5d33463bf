/**
 * checkCompatibility(old, new, { mode, lenient }): whether `new` may follow `old` under a
 * compatibility mode, and every difference between them with whether it breaks that mode.
 * Pure: no I/O. Throws DxError SCHEMA_INVALID (with the pointer) or BAD_ARGUMENT (unknown mode).
 */
import { directionsOf, parseCompatibilityMode } from './compatibility-mode.js';
import type { CompatibilityOptions, CompatibilityResult } from './compatibility.types.js';
import { diffForDirection } from './diff-for-direction.js';
import { mergeChanges } from './merge-changes.js';

export function checkCompatibility(
  oldSchema: unknown,
  newSchema: unknown,
  options: CompatibilityOptions = {},
): CompatibilityResult {
  const mode = parseCompatibilityMode(options.mode ?? 'BACKWARD');
  const lenient = options.lenient ?? false;
  const directions = directionsOf(mode);
  // NONE still lists what changed, so a reviewer sees it; nothing it lists can break.
  const changes =
    directions.length === 0
      ? diffForDirection(oldSchema, newSchema, { direction: 'backward', lenient }).map((change) => ({
          ...change,
          breaking: false,
        }))
      : mergeChanges(
          directions.flatMap((direction) => diffForDirection(oldSchema, newSchema, { direction, lenient })),
        );
  return { compatible: !changes.some((change) => change.breaking), changes };
}
