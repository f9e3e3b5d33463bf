/**
 * Keywords that describe a value without constraining it. Changing them never breaks a reader,
 * with one exception kept out of this list on purpose: `x-unit`, which changes what a number means.
 */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'example',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
  '$dynamicAnchor',
  '$vocabulary',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentSchema',
]);

export const UNIT_KEYWORD = 'x-unit';

/** Definitions are reached through `$ref`; a definition nobody refers to cannot break a reader. */
export const DEFINITION_KEYWORDS = new Set(['$defs', 'definitions']);

export function isAnnotationKeyword(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || (keyword.startsWith('x-') && keyword !== UNIT_KEYWORD);
}
