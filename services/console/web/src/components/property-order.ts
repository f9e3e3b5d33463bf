/**
 * The properties of an object schema in the order their author wrote them: the registry keeps each
 * version's schema text as proposed (schemaText), so the order the API answers with is the authored
 * one. Documentation, latest values and charts list fields in this order.
 */
import type { JsonSchema } from '../api/types';

export function orderedProperties(schema: JsonSchema): [string, JsonSchema][] {
  const properties = schema.properties;
  if (!properties || typeof properties !== 'object') return [];
  return Object.entries(properties as Record<string, JsonSchema>);
}
