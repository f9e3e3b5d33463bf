/**
 * Every keyword the checker does not reason about (unevaluatedProperties, minContains,
 * $dynamicRef, a misspelt keyword, ...): any change to it is reported as
 * breaking in both directions, because "we could not tell" must not pass as "compatible".
 */
import { DEFINITION_KEYWORDS, isAnnotationKeyword, UNIT_KEYWORD } from './annotation-keywords.js';
import { keywordPath } from './keyword-path.js';
import type { LocatedObject } from './json-schema.js';
import { sameJson } from './same-json.js';
import type { WalkContext } from './walk-context.js';

const CHECKED = new Set([
  'type',
  'enum',
  'const',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'multipleOf',
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'maxProperties',
  'minProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'maxItems',
  'minItems',
  'uniqueItems',
  'contains',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  '$ref',
  'if',
  'then',
  'else',
  'propertyNames',
  'contentEncoding',
  'contentMediaType',
]);

export function compareUnchecked(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const keywords = new Set([...Object.keys(oldNode.schema), ...Object.keys(newNode.schema)]);
  for (const keyword of keywords) {
    if (CHECKED.has(keyword) || isAnnotationKeyword(keyword) || keyword === UNIT_KEYWORD) continue;
    if (DEFINITION_KEYWORDS.has(keyword)) continue;
    if (sameJson(oldNode.schema[keyword], newNode.schema[keyword])) continue;
    ctx.emit('UNCHECKED_KEYWORD_CHANGED', keywordPath(newNode, keyword), 'changes');
  }
}
