/** Titles, descriptions, defaults, examples and x-* extensions: reported, never breaking. */
import type { ChangeType } from './change-types.js';
import { isAnnotationKeyword } from './annotation-keywords.js';
import { keywordPath } from './keyword-path.js';
import type { LocatedObject } from './json-schema.js';
import { sameJson } from './same-json.js';
import type { WalkContext } from './walk-context.js';

const NAMED: Record<string, ChangeType> = {
  title: 'TITLE_CHANGED',
  description: 'DESCRIPTION_CHANGED',
  default: 'DEFAULT_CHANGED',
  examples: 'EXAMPLES_CHANGED',
  example: 'EXAMPLES_CHANGED',
};

export function compareAnnotations(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const keywords = new Set([...Object.keys(oldNode.schema), ...Object.keys(newNode.schema)]);
  for (const keyword of keywords) {
    if (!isAnnotationKeyword(keyword)) continue;
    if (sameJson(oldNode.schema[keyword], newNode.schema[keyword])) continue;
    ctx.emit(NAMED[keyword] ?? 'ANNOTATION_CHANGED', keywordPath(newNode, keyword), 'neutral');
  }
}
