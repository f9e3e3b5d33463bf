/**
 * One entry per (type, path), in the order first found, breaking if any occurrence breaks: a
 * definition reached through several $refs, or a FULL check's two directions, report a change once.
 */
import type { SchemaChange } from './compatibility.types.js';

export function mergeChanges(changes: SchemaChange[]): SchemaChange[] {
  const merged = new Map<string, SchemaChange>();
  for (const change of changes) {
    const key = `${change.type} ${change.path}`;
    const seen = merged.get(key);
    if (seen) seen.breaking ||= change.breaking;
    else merged.set(key, { ...change });
  }
  return [...merged.values()];
}
