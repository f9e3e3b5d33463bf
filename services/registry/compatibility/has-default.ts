/** Whether a property schema (through its $ref, if any) gives a default a reader can fill in. */
import { isSchemaObject, type Located } from './json-schema.js';
import { resolveRef } from './resolve-ref.js';

export function hasDefault(property: Located | undefined): boolean {
  if (!property) return false;
  const schema = resolveRef(property).schema;
  return isSchemaObject(schema) && Object.hasOwn(schema, 'default');
}
