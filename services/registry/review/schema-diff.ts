/**
 * Where two schemas differ, by JSON pointer, for a page that shows them side by side. Objects are
 * walked key by key in the newer schema's order (then what only the older one had); arrays of plain
 * values (`required`, `enum`, `type`) are one value, so a changed list reads as one entry; arrays of
 * schemas (`allOf`, `prefixItems`, `examples`) are walked index by index.
 */
import type { SchemaDiffEntry } from './review.types.js';

export function diffSchemas(before: unknown, after: unknown): SchemaDiffEntry[] {
  // Nothing to compare with (a first version): the whole schema is new.
  if (before === undefined) return after === undefined ? [] : [{ pointer: '', op: 'added', after }];
  const entries: SchemaDiffEntry[] = [];
  walk(before, after, '', entries);
  return entries;
}

function walk(before: unknown, after: unknown, pointer: string, out: SchemaDiffEntry[]): void {
  if (isWalkable(before) && isWalkable(after) && Array.isArray(before) === Array.isArray(after)) {
    const older = before as Record<string, unknown>;
    const newer = after as Record<string, unknown>;
    const keys = [...Object.keys(newer), ...Object.keys(older).filter((key) => !(key in newer))];
    for (const key of keys) {
      const child = `${pointer}/${escapeToken(key)}`;
      if (!(key in older)) out.push({ pointer: child, op: 'added', after: newer[key] });
      else if (!(key in newer)) out.push({ pointer: child, op: 'removed', before: older[key] });
      else walk(older[key], newer[key], child, out);
    }
    return;
  }
  if (!sameJson(before, after)) out.push({ pointer, op: 'changed', before, after });
}

/** Objects, and arrays holding at least one object or array. */
function isWalkable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  return !Array.isArray(value) || value.some((item) => typeof item === 'object' && item !== null);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
