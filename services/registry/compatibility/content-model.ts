/**
 * Content models, after Confluent's reading of JSON Schema: what an object accepts under a name it
 * does not declare in `properties` (or an array beyond its tuple). Open: anything (the keyword
 * absent, `true` or `{}`); closed: nothing (`false`); partially open: what a schema allows.
 */
import { isAnnotationKeyword } from './annotation-keywords.js';
import { childPointer } from './json-pointer.js';
import { invalidSchema } from './invalid-schema.js';
import { isSchemaObject, type JsonSchema, type Located, type LocatedObject } from './json-schema.js';
import { schemaKeyword, schemaMapKeyword } from './schema-keywords.js';

export type ContentModel = 'open' | 'closed' | 'partial';

export interface Governing {
  model: ContentModel;
  /** The schema an undeclared value has to satisfy (`true` when nothing is written). */
  schema: Located;
  /** Declared by patternProperties: such values are data the writer means to send. */
  byPattern: boolean;
}

export function modelOf(schema: JsonSchema): ContentModel {
  if (schema === false) return 'closed';
  if (schema === true || (isSchemaObject(schema) && Object.keys(schema).every(isAnnotationKeyword)))
    return 'open';
  return 'partial';
}

/** The schema that applies to property `name` of an object that does not declare it. */
export function governingProperty(node: LocatedObject, name: string): Governing {
  for (const [pattern, schema] of schemaMapKeyword(node, 'patternProperties') ?? []) {
    if (patternMatches(node, pattern, name))
      return { model: modelOf(schema.schema), schema, byPattern: true };
  }
  const additional = slot(node, 'additionalProperties');
  return { model: modelOf(additional.schema), schema: additional, byPattern: false };
}

/** A subschema keyword whose absence means `true` (additionalProperties, items, additionalItems). */
export function slot(node: LocatedObject, keyword: string): Located {
  return (
    schemaKeyword(node, keyword) ?? {
      root: node.root,
      side: node.side,
      schema: true,
      loc: childPointer(node.loc, keyword),
    }
  );
}

function patternMatches(node: LocatedObject, pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    throw invalidSchema(
      node,
      childPointer(node.loc, 'patternProperties', pattern),
      'not a valid regular expression',
    );
  }
}
