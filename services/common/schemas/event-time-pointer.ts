/**
 * x-event-time: the keyword by which a contract version names its payload's own time, as a JSON pointer
 * at the schema's root (`"x-event-time": "/sourceTimestamp"`). The field it points at must be a string
 * in date-time format, so that every accepted payload has a time the store can place.
 */
import { isSchemaObject, type JsonSchema, type SchemaObject } from './json-schema.types.js';
import { pointerTokens } from './pointer-tokens.js';

export const EVENT_TIME_KEYWORD = 'x-event-time';

/** The value at a JSON pointer (RFC 6901) in a payload, or undefined. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const token of pointerTokens(pointer)) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** Why the schema's x-event-time is unusable, or null when it is fine or absent. */
export function eventTimeProblem(schema: JsonSchema): string | null {
  if (!isSchemaObject(schema) || schema[EVENT_TIME_KEYWORD] === undefined) return null;
  const pointer = schema[EVENT_TIME_KEYWORD];
  if (typeof pointer !== 'string' || !pointer.startsWith('/')) {
    return `${EVENT_TIME_KEYWORD} must be a JSON pointer into the payload, e.g. "/sourceTimestamp"`;
  }
  let node: SchemaObject | undefined = schema;
  for (const token of pointerTokens(pointer)) {
    const properties: unknown = resolve(schema, node)?.properties;
    node = isSchemaObject(properties) && isSchemaObject(properties[token]) ? properties[token] : undefined;
    if (!node) return `${EVENT_TIME_KEYWORD} points at ${pointer}, which the schema does not declare`;
  }
  const field = resolve(schema, node);
  if (field?.type !== 'string' || field.format !== 'date-time') {
    return `${EVENT_TIME_KEYWORD} points at ${pointer}, which must be {"type": "string", "format": "date-time"}`;
  }
  return null;
}

/** A node, or what its local $ref names. */
function resolve(root: SchemaObject, node: SchemaObject | undefined): SchemaObject | undefined {
  const ref = node?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  const target = valueAtPointer(root, ref.slice(1));
  return isSchemaObject(target) ? target : undefined;
}
