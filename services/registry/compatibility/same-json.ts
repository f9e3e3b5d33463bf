/** Equality of JSON values, independent of key order. */
import { canonicalJson } from '../../common/event-store/canonical-json.js';

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Whether two subschemas are the same text and can be skipped. Text with a `$ref` in it is never
 * "the same": old and new resolve it against different roots, so the definitions may differ.
 */
export function sameSchemaText(a: unknown, b: unknown): boolean {
  return !containsRef(a) && sameJson(a, b);
}

function containsRef(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(containsRef);
  return Object.hasOwn(value, '$ref') || Object.values(value).some(containsRef);
}
