/**
 * Typed reads of one keyword of a schema object. A keyword of the wrong shape is an invalid schema
 * (SCHEMA_INVALID naming its pointer), never a crash halfway through a comparison.
 */
import { childPointer } from './json-pointer.js';
import { invalidSchema } from './invalid-schema.js';
import { isJsonSchema, isSchemaObject, type Located, type LocatedObject } from './json-schema.js';

export function has(node: LocatedObject, keyword: string): boolean {
  return Object.hasOwn(node.schema, keyword) && node.schema[keyword] !== undefined;
}

export function numberKeyword(node: LocatedObject, keyword: string): number | undefined {
  const value = node.schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidSchema(node, childPointer(node.loc, keyword), `${keyword} must be a number`);
  }
  return value;
}

export function stringKeyword(node: LocatedObject, keyword: string): string | undefined {
  const value = node.schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidSchema(node, childPointer(node.loc, keyword), `${keyword} must be a string`);
  return value;
}

export function stringListKeyword(node: LocatedObject, keyword: string): string[] | undefined {
  const value = node.schema[keyword];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidSchema(node, childPointer(node.loc, keyword), `${keyword} must be an array of strings`);
  }
  return value as string[];
}

/** A subschema keyword (`not`, `items`, `additionalProperties`, ...). */
export function schemaKeyword(node: LocatedObject, keyword: string): Located | undefined {
  const value = node.schema[keyword];
  if (value === undefined) return undefined;
  return locate(node, value, childPointer(node.loc, keyword), `${keyword} must be a schema`);
}

/** A list of subschemas (`allOf`, `prefixItems`, draft-07 `items` as an array, ...). */
export function schemaListKeyword(node: LocatedObject, keyword: string): Located[] | undefined {
  const value = node.schema[keyword];
  if (value === undefined) return undefined;
  const pointer = childPointer(node.loc, keyword);
  if (!Array.isArray(value)) throw invalidSchema(node, pointer, `${keyword} must be an array of schemas`);
  return value.map((item, index) =>
    locate(node, item, childPointer(pointer, index), `${keyword} must be an array of schemas`),
  );
}

/** A map of names to subschemas (`properties`, `patternProperties`, `dependentSchemas`, ...). */
export function schemaMapKeyword(node: LocatedObject, keyword: string): Map<string, Located> | undefined {
  const value = node.schema[keyword];
  if (value === undefined) return undefined;
  const pointer = childPointer(node.loc, keyword);
  if (!isSchemaObject(value)) throw invalidSchema(node, pointer, `${keyword} must be an object of schemas`);
  const map = new Map<string, Located>();
  for (const [name, item] of Object.entries(value)) {
    map.set(name, locate(node, item, childPointer(pointer, name), `${keyword} must be an object of schemas`));
  }
  return map;
}

function locate(node: LocatedObject, value: unknown, loc: string, rule: string): Located {
  if (!isJsonSchema(value)) throw invalidSchema(node, loc, rule);
  return { root: node.root, side: node.side, schema: value, loc };
}
