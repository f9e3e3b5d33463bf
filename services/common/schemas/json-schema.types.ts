import { isJsonObject } from './is-json-object.js';

/** A JSON Schema document as the hub handles it: plain JSON, draft 2020-12 or draft-07. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

export type SchemaObject = { [keyword: string]: unknown };

/** A schema that is an object of keywords (not `true` or `false`): a JSON object. */
export const isSchemaObject: (value: unknown) => value is SchemaObject = isJsonObject;
