/** A JSON object: not null, not an array. What a payload, a request body or a lineage field must be. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
