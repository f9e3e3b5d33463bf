/**
 * An array schema read the same way in both drafts: a tuple (draft 2020-12 `prefixItems`, draft-07
 * `items` as an array) and the schema for every item after it (2020-12 `items`, draft-07
 * `additionalItems`, or draft-07 `items` as one schema for all items).
 */
import type { Located, LocatedObject } from './json-schema.js';
import { slot } from './content-model.js';
import { schemaListKeyword } from './schema-keywords.js';

export interface ArrayShape {
  tuple: Located[];
  tupleKeyword: 'prefixItems' | 'items';
  /** The schema for items beyond the tuple; `true` where nothing is written. */
  rest: Located;
  restKeyword: 'items' | 'additionalItems';
  /** Whether `rest` is written in the schema (and not the implied `true`). */
  restWritten: boolean;
}

export function arrayShape(node: LocatedObject): ArrayShape {
  const prefixItems = schemaListKeyword(node, 'prefixItems');
  if (prefixItems) return shape(node, prefixItems, 'prefixItems', 'items');
  if (Array.isArray(node.schema.items))
    return shape(node, schemaListKeyword(node, 'items') ?? [], 'items', 'additionalItems');
  return shape(node, [], 'prefixItems', 'items');
}

function shape(
  node: LocatedObject,
  tuple: Located[],
  tupleKeyword: ArrayShape['tupleKeyword'],
  restKeyword: ArrayShape['restKeyword'],
): ArrayShape {
  return {
    tuple,
    tupleKeyword,
    rest: slot(node, restKeyword),
    restKeyword,
    restWritten: node.schema[restKeyword] !== undefined,
  };
}
