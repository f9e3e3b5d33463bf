/** A JSON Schema document as the hub handles it: plain JSON, draft 2020-12 or draft-07. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

export type SchemaObject = { [keyword: string]: unknown };

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
